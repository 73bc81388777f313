#!/usr/bin/env bash
# make fuzz: runs each fuzzer (one at a time) for FUZZ_SECONDS, seeded from the repository's own fixtures.
# Usage: tests/fuzz/run.sh BUILD_DIR. Env: FUZZ_SECONDS (default 60), FUZZ_TARGETS (default
# "jats pdf caption image"), FUZZ_EXTRA_SEEDS (a local directory with <target>/ seed folders, e.g.
# files picked from ../shared/corpus; read only, never copied into the repository).
# The growing corpus stays in BUILD_DIR/fuzz-corpus/<target> so later runs go on from it; crashing,
# leaking, slow or memory-hungry inputs land in BUILD_DIR/fuzz-artifacts/.
set -euo pipefail
build=$(cd "${1:-build-fuzz}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-jats pdf caption image}
python=${PYTHON:-python3}

seeds=$build/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{jats,pdf,caption,image} "$build/fuzz-artifacts"

# The hostile-input fixtures are generated, not committed; they make good seeds for every target.
hostile=$seeds/hostile
"$python" "$root/tests/hostile/make_fixtures.py" "$hostile" >/dev/null
copy_seeds() {  # copy_seeds TARGET FILE...
  local target=$1 file
  shift
  for file in "$@"; do cp "$file" "$seeds/$target/$(echo "$file" | sed "s|^$seeds/||; s|^$build/||; s|^$root/||; s|/|_|g")"; done
}
mapfile -t xml < <(find "$root/tests/fixtures" "$root/data/samples" "$hostile" -name '*.xml' -o -name '*.nxml')
copy_seeds jats "${xml[@]}"
mkdir -p "$seeds/package"
tar -xzf "$root/data/samples/PMC9000002.tar.gz" -C "$seeds/package"
mapfile -t packaged < <(find "$seeds/package" -name '*.xml' -o -name '*.nxml')
copy_seeds jats "${packaged[@]}"
mapfile -t pdfs < <(find "$root/tests/fixtures" "$hostile" -name '*.pdf')
copy_seeds pdf "${pdfs[@]}"
mapfile -t images < <(find "$root/tests/fixtures/image" "$root/data/samples" "$hostile/images" "$seeds/package" \
  -type f \( -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' -o -name '*.gif' -o -name '*.tif' -o -name '*.tiff' \))
copy_seeds image "${images[@]}"
"$python" "$root/tests/fuzz/image_seeds.py" "$seeds/image"
"$python" - "$root/tests/fixtures/text" "$seeds/caption" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[2])
def captions(value):  # every "caption" string, or caption {"text": ...}, anywhere in a record
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "caption" and isinstance(item, dict): item = item.get("text")
            if key == "caption" and isinstance(item, str): yield item
            else: yield from captions(item)
    elif isinstance(value, list):
        for item in value: yield from captions(item)
for source in sorted(pathlib.Path(sys.argv[1]).glob("*.jsonl")):
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, caption in enumerate(c for line in lines for c in captions(json.loads(line))):
        (out / f"{source.stem}-{number}.txt").write_text(caption, encoding="utf-8")
PY

status=0
for target in $targets; do
  fuzzer=$build/tests/fuzz/fuzz_$target
  [ -x "$fuzzer" ] || { echo "fuzz: $fuzzer is not built" >&2; exit 2; }
  corpus=$build/fuzz-corpus/$target
  mkdir -p "$corpus"
  extra=()
  [ -d "$root/tests/fuzz/regressions/$target" ] && extra+=("$root/tests/fuzz/regressions/$target")
  [ -n "${FUZZ_EXTRA_SEEDS:-}" ] && [ -d "$FUZZ_EXTRA_SEEDS/$target" ] && extra+=("$FUZZ_EXTRA_SEEDS/$target")
  log=$build/fuzz-$target.log
  echo "== fuzz_$target: $seconds s, log $log"
  # -timeout: seconds per input (the PDF reader's own limit is 2 s); -rss_limit_mb also caps single mallocs.
  if "$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$target-" \
       "$corpus" "$seeds/$target" "${extra[@]}" >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true
  else
    status=1
    echo "fuzz_$target FAILED:"
    grep -E 'ERROR: |SUMMARY: |Test unit written' "$log" | head -5
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" || true
done
exit $status
