#!/usr/bin/env bash
# Panel captions on EXSCLAIM's Nature figures: share of gold panels whose caption chunk lands in our subcaption of the same label, and whose detected panel carries that label (the panel <-> subcaption link).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gold="$CORPUS/figures/exsclaim/nature_closed_expected.json"
out="$WORK/exsclaim_align"
mkdir -p "$out"
"$PYTHON" "$here/exsclaim_align.py" "$gold" --inputs > "$out/in.jsonl"
"$PUBFORGE" align --captions "$out/in.jsonl" > "$out/out.jsonl"
"$PUBFORGE" -q crop --images "$(dirname "$gold")"/*.jpg -o "$out/panels.jsonl"
EVAL="$EVAL" "$PYTHON" "$here/exsclaim_align.py" "$gold" "$out/out.jsonl" --panels "$out/panels.jsonl" | tee "$out/score.txt"
"$PYTHON" "$here/floors.py" "$here/floors/exsclaim_align.json" "$out/score.txt"
