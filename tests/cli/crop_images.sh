#!/usr/bin/env bash
# CLI golden: `pubforge crop --images` prints one panel line per image; a truncated image is rejected with its code.
set -euo pipefail
pubforge=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures=$source_dir/tests/fixtures/image

"$pubforge" -q crop --images "$fixtures/three_panels.png" "$fixtures/truncated.png" \
  --rejects "$work/rejects.jsonl" --debug-dir "$work/debug" -o "$work/panels.jsonl" && status=0 || status=$?
[ "$status" -eq 0 ] || { echo "exit $status, expected 0 (rejects allowed by default)"; exit 1; }
cmp "$work/panels.jsonl" "$source_dir/tests/cli/expected/crop_images.jsonl" || {
  echo "panel lines differ from tests/cli/expected/crop_images.jsonl:"; cat "$work/panels.jsonl"; exit 1; }
grep -q '"code":"image.corrupt"' "$work/rejects.jsonl" || { echo "truncated.png was not rejected as image.corrupt"; exit 1; }
[ -s "$work/debug/three_panels.png.panels.png" ] || { echo "no debug rendering written"; exit 1; }

# --strict turns the rejected image into exit 1; a missing option value is a usage error (2).
"$pubforge" -q crop --images "$fixtures/truncated.png" --strict -o /dev/null && status=0 || status=$?
[ "$status" -eq 1 ] || { echo "--strict: exit $status, expected 1"; exit 1; }
"$pubforge" -q crop --images && status=0 || status=$?
[ "$status" -eq 2 ] || { echo "no images: exit $status, expected 2"; exit 1; }
echo "crop_images: ok"
