#!/usr/bin/env bash
# The real publisher PDFs with the JATS of the same article as truth ($CORPUS/real/pdf-jats): captions, pages and whole-figure images.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
truth="$CORPUS/real/pdf-jats/truth.json"
[ -f "$truth" ] || { echo "  SKIP: $truth is absent"; exit 0; }
command -v pdftoppm >/dev/null || echo "  NOTE: pdftoppm is absent: figures keep their embedded images and the whole-figure floor fails"
out="$WORK/real-pdf"
mkdir -p "$out"
"$PYTHON" -c 'import json,sys; [print(sys.argv[2] + "/" + d["file"]) for d in json.load(open(sys.argv[1]))["documents"]]' \
  "$truth" "$CORPUS" > "$out/inputs.txt"
"$PUBFORGE" parse "@$out/inputs.txt" --store "$out/store" -o "$out/articles.jsonl" --rejects "$out/rejects.jsonl" -j 2
"$PYTHON" "$EVAL/pdf_figures.py" "$truth" "$out/articles.jsonl" ${PDF_DETAILS:+--details} | tee "$out/score.txt"
"$PYTHON" "$here/floors.py" "$here/floors/real_pdf.json" "$out/score.txt"
