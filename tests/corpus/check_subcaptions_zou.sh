#!/usr/bin/env bash
# Caption splitting on Zou's PMC captions (captions/zou-dev, human subcaption labels): pubforge align --captions vs subcaptions.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gold="$CORPUS/captions/zou-dev/eval.json"
if [ ! -f "$gold" ]; then echo "SKIP: $gold not found"; exit 0; fi
out="$WORK/subcaptions-zou"
mkdir -p "$out"
"$PYTHON" "$EVAL/subcaptions.py" "$gold" --inputs > "$out/in.jsonl"
"$PUBFORGE" align --captions "$out/in.jsonl" > "$out/out.jsonl"
"$PYTHON" "$EVAL/subcaptions.py" "$gold" "$out/out.jsonl" | tee "$out/score.txt"
"$PYTHON" "$here/floors.py" "$here/floors/subcaptions_zou.json" "$out/score.txt"
