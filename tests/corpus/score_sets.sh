# Sourced by the check_*.sh of sets scored the same way: run pubforge over the set, score with ../shared/eval, hold to the floors.

# score_pdf_set NAME TRUTH FLOORS: parse every PDF the truth file lists, score captions, pages, boxes and
# whole-figure images with pdf_figures.py.
score_pdf_set() {
  local name=$1 truth=$2 floors=$3 out="$WORK/$1"
  [ -f "$truth" ] || { echo "  SKIP: $truth is absent"; return 0; }
  command -v pdftoppm >/dev/null || echo "  NOTE: pdftoppm is absent: figures keep their embedded images and the whole-figure floor fails"
  mkdir -p "$out"
  "$PYTHON" -c 'import json,sys; [print(sys.argv[2] + "/" + d["file"]) for d in json.load(open(sys.argv[1]))["documents"]]' \
    "$truth" "$CORPUS" > "$out/inputs.txt"
  "$PUBFORGE" parse "@$out/inputs.txt" --store "$out/store" -o "$out/articles.jsonl" --rejects "$out/rejects.jsonl" -j 2
  "$PYTHON" "$EVAL/pdf_figures.py" "$truth" "$out/articles.jsonl" ${PDF_DETAILS:+--details} | tee "$out/score.txt"
  "$PYTHON" "$(dirname "${BASH_SOURCE[0]}")/floors.py" "$floors" "$out/score.txt"
}

# score_caption_set NAME GOLD FLOORS: split the gold file's captions with `pubforge align --captions`, score with
# subcaptions.py.
score_caption_set() {
  local name=$1 gold=$2 floors=$3 out="$WORK/$1"
  [ -f "$gold" ] || { echo "  SKIP: $gold is absent"; return 0; }
  mkdir -p "$out"
  "$PYTHON" "$EVAL/subcaptions.py" "$gold" --inputs > "$out/in.jsonl"
  "$PUBFORGE" align --captions "$out/in.jsonl" > "$out/out.jsonl"
  "$PYTHON" "$EVAL/subcaptions.py" "$gold" "$out/out.jsonl" | tee "$out/score.txt"
  "$PYTHON" "$(dirname "${BASH_SOURCE[0]}")/floors.py" "$floors" "$out/score.txt"
}
