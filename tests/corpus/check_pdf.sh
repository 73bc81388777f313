#!/usr/bin/env bash
# PDF figures and tables: parse every PDF the truth file lists, then score captions, pages and boxes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$WORK/pdf"
mkdir -p "$out"
"$PYTHON" -c 'import json,sys; [print(sys.argv[2] + "/" + d["file"]) for d in json.load(open(sys.argv[1]))["documents"]]' \
  "$CORPUS/pdf/truth.json" "$CORPUS" > "$out/inputs.txt"
"$PUBFORGE" parse "@$out/inputs.txt" --store "$out/store" -o "$out/articles.jsonl" --rejects "$out/rejects.jsonl" -j 2
"$PYTHON" "$EVAL/pdf_figures.py" "$CORPUS/pdf/truth.json" "$out/articles.jsonl" ${PDF_DETAILS:+--details} | tee "$out/score.txt"
"$PYTHON" "$here/floors.py" "$here/floors/pdf.json" "$out/score.txt"
