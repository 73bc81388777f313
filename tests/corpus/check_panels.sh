#!/usr/bin/env bash
# Corpus check: compound-figure separation on figures/exsclaim, ImageCLEF accuracy against the floors.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
figures=$CORPUS/figures/exsclaim
"$PUBFORGE" -q crop --images "$figures"/*.jpg -o "$WORK/panels.jsonl"
"$PYTHON" "$EVAL/panels.py" "$figures/nature_closed_expected.json" "$WORK/panels.jsonl" | tee "$WORK/panels.txt"
"$PYTHON" "$here/floors.py" "$here/floors/panels.json" "$WORK/panels.txt"
