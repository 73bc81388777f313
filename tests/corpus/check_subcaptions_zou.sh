#!/usr/bin/env bash
# Caption splitting on Zou's PMC captions (captions/zou-dev, human subcaption labels): pubforge align --captions vs subcaptions.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/score_sets.sh"
score_caption_set subcaptions-zou "$CORPUS/captions/zou-dev/eval.json" "$here/floors/subcaptions_zou.json"
