#!/usr/bin/env bash
# Caption splitting on CompFigSep prostate captions (human subcaption labels): pubforge align --captions vs subcaptions.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gold="$CORPUS/captions/compfigsep-prostate/prostate_data_only_annotated_captions.json"
out="$WORK/subcaptions"
mkdir -p "$out"
"$PYTHON" "$EVAL/subcaptions.py" "$gold" --inputs > "$out/in.jsonl"
"$PUBFORGE" align --captions "$out/in.jsonl" > "$out/out.jsonl"
"$PYTHON" "$EVAL/subcaptions.py" "$gold" "$out/out.jsonl" | tee "$out/score.txt"
"$PYTHON" "$here/floors.py" "$here/floors/subcaptions.json" "$out/score.txt"
