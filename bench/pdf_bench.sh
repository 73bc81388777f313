#!/usr/bin/env bash
# PDF parsing speed: pages/s and figures/s of `pubforge parse` against pdftotext + pdfimages -list on the same files, with peak RSS.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${CORPUS:-$here/../../shared/corpus}
pubforge=$(realpath "$build/pubforge")
[ -f "$corpus/pdf/truth.json" ] || { echo "pdf_bench: no corpus at $corpus, skipped"; exit 0; }
work=$(mktemp -d /tmp/pubforge-pdf-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 -c 'import json,sys; [print(sys.argv[2] + "/" + d["file"]) for d in json.load(open(sys.argv[1]))["documents"]]' \
  "$corpus/pdf/truth.json" "$corpus" > "$work/inputs.txt"
pages=0
while read -r f; do pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'))); done < "$work/inputs.txt"
rounds=${ROUNDS:-3}
now() { date +%s.%N; }

start=$(now)
for _ in $(seq "$rounds"); do
  /usr/bin/time -v -o "$work/time.txt" "$pubforge" -q parse "@$work/inputs.txt" --store "$work/store" -o "$work/out.jsonl" -j 1
done
ours=$(echo "$(now) - $start" | bc -l)
rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")
figures=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["figures"]) + len(json.loads(l)["tables"]) for l in open(sys.argv[1])))' "$work/out.jsonl")

start=$(now)
for _ in $(seq "$rounds"); do
  while read -r f; do pdftotext -q "$f" /dev/null; pdfimages -list "$f" > /dev/null 2>&1; done < "$work/inputs.txt"
done
base=$(now); base=$(echo "$base - $start" | bc -l)

awk -v p="$pages" -v f="$figures" -v n="$(wc -l < "$work/inputs.txt")" -v r="$rounds" -v o="$ours" -v b="$base" -v rss="$rss" 'BEGIN {
  printf "pdf parse: %.1f pages/s, %.1f figures+tables/s (poppler pdftotext + pdfimages -list: %.1f pages/s, ratio %.2f)\n", p*r/o, f*r/o, p*r/b, b/o;
  printf "pdf parse: %d PDFs, %d pages, %d figures+tables per round, peak RSS %.1f MiB\n", n, p, f, rss/1024 }'
