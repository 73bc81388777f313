#!/usr/bin/env bash
# Pins the bytes of every output (records of each stage, the six exports and their cards, archive stats and
# query, run's summary) on data/samples, and on the dev JATS corpus where ../shared is present: a refactor must
# leave them identical. After a change of output made on purpose: GOLDEN_UPDATE=1 bash tests/cli/golden_outputs.sh BIN REPO.
set -euo pipefail
bin=$1
repo=$2
expected=$repo/tests/cli/expected/golden_outputs.sha256
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

pin() {  # pin NAME DIR-OR-COMMAND...: one "sha256  name/path" line per file (the archive file itself holds load times)
    local name=$1 dir=$2
    (cd "$dir" && find . -type f ! -name 'archive.sqlite*' | LC_ALL=C sort | xargs -r sha256sum | sed "s#  \./#  $name/#")
}

sets=("samples=$repo/data/samples")
corpus=$repo/../shared/corpus/jats
if [ -d "$corpus" ]; then
  sets+=("dev-jats=$corpus")
else
  echo "SKIP part: $corpus is absent, only data/samples is pinned" >&2
fi

for entry in "${sets[@]}"; do
  name=${entry%%=*}
  # Records keep the input path as given: a relative link keeps them the same in every checkout.
  ln -s "${entry#*=}" "input-$name"
  input=input-$name
  mkdir -p "$name/stages"
  "$bin" -q parse "$input" --store "$name/store" -o "$name/stages/parsed.jsonl" -j 2
  "$bin" -q crop "$name/stages/parsed.jsonl" --store "$name/store" -o "$name/stages/cropped.jsonl" -j 2
  "$bin" -q align "$name/stages/cropped.jsonl" -o "$name/stages/aligned.jsonl" -j 2
  "$bin" -q run "$input" -o "$name/run" -j 2 --no-report
  db=$name/run/archive.sqlite
  mkdir -p "$name/archive"
  "$bin" -q archive stats "$db" --json > "$name/archive/stats.json"
  "$bin" -q archive stats "$db" > "$name/archive/stats.txt"
  "$bin" -q archive query "$db" "" --jsonl --limit 0 > "$name/archive/query-all.jsonl"
  "$bin" -q archive query "$db" "brain OR cells" --articles --jsonl --limit 0 > "$name/archive/query-articles.jsonl"
  "$bin" -q archive query "$db" "" --license-class commercial --jsonl --limit 0 > "$name/archive/query-commercial.jsonl"
  "$bin" -q export pairs --records "$name/stages/aligned.jsonl" --store "$name/store" -o "$name/pairs-from-records" \
    --layout webdataset,tsv
done

actual=$work/actual.sha256
for entry in "${sets[@]}"; do
  name=${entry%%=*}
  pin "$name/stages" "$name/stages"
  pin "$name/run" "$name/run"
  pin "$name/archive" "$name/archive"
  pin "$name/pairs-from-records" "$name/pairs-from-records"
done > "$actual"

if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
  cp "$actual" "$expected"
  echo "golden_outputs: $(wc -l < "$expected") files pinned in $expected"
  exit 0
fi
# Compare only the sets present here (the corpus lines are absent where ../shared is).
grep -E "^[0-9a-f]{64}  ($(IFS='|'; for e in "${sets[@]}"; do printf '%s|' "${e%%=*}"; done | sed 's/|$//'))/" "$expected" > "$work/wanted.sha256" || true
if ! diff -u "$work/wanted.sha256" "$actual" > "$work/diff"; then
  echo "golden_outputs: outputs differ from $expected:" >&2
  head -60 "$work/diff" >&2
  exit 1
fi
echo "golden_outputs: $(wc -l < "$actual") files identical"
