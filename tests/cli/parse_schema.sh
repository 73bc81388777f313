#!/usr/bin/env bash
# Every record `pubforge parse` writes validates against data/schemas/article.schema.json: fixtures, samples, shared corpus.
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=$src/../shared/corpus/jats

inputs=("$src/tests/fixtures/jats/metadata.nxml" "$src/tests/fixtures/jats/text.nxml" "$src/tests/fixtures/jats/figures.nxml")
if [ -d "$src/data/samples" ]; then inputs+=("$src/data/samples"); else echo "SKIP data/samples: absent"; fi
if [ -d "$corpus" ]; then
  # Article XML only: the DAR manifest and docling's ground truth are not articles.
  while IFS= read -r file; do inputs+=("$file"); done < <(find "$corpus" \( -name '*.xml' -o -name '*.nxml' \) \
      ! -path '*/groundtruth/*' ! -name manifest.xml | sort)
else
  echo "SKIP ../shared/corpus/jats: absent"
fi

"$bin" parse "${inputs[@]}" --store "$work/store" -o "$work/records.jsonl" --rejects "$work/rejects.jsonl" --strict 2>"$work/log" \
  || { cat "$work/log" "$work/rejects.jsonl" >&2; exit 1; }

/usr/bin/python3 - "$src/data/schemas/article.schema.json" "$work/records.jsonl" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.validators.validator_for(schema)(schema)
count = 0
for number, line in enumerate(open(sys.argv[2]), 1):
    record = json.loads(line)
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
    for error in errors[:5]:
        print(f"record {number} ({record['source']['path']}): {'/'.join(map(str, error.path))}: {error.message}")
    if errors:
        sys.exit(1)
    count += 1
print(f"parse_schema: {count} records valid")
PY
