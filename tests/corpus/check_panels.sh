#!/usr/bin/env bash
# Corpus check: compound-figure separation on figures/exsclaim and real/pdf-compounds, ImageCLEF accuracy and letters against the floors.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
figures=$CORPUS/figures/exsclaim
"$PUBFORGE" -q crop --images "$figures"/*.jpg -o "$WORK/panels.jsonl"
"$PYTHON" "$EVAL/panels.py" "$figures/nature_closed_expected.json" "$WORK/panels.jsonl" | tee "$WORK/panels.txt"
"$PYTHON" "$here/floors.py" "$here/floors/panels.json" "$WORK/panels.txt"
compounds=$CORPUS/real/pdf-compounds
if [ -f "$compounds/gold.json" ]; then
  "$PUBFORGE" -q crop --images "$compounds"/*.png -o "$WORK/compounds.jsonl"
  "$PYTHON" "$EVAL/panels.py" "$compounds/gold.json" "$WORK/compounds.jsonl" | tee "$WORK/compounds.txt"
  "$PYTHON" "$here/floors.py" "$here/floors/pdf_compounds.json" "$WORK/compounds.txt"
else
  echo "  skipped real/pdf-compounds: $compounds/gold.json is absent"
fi
