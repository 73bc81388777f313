#!/usr/bin/env bash
# Caption splitting on CompFigSep prostate captions (human subcaption labels): pubforge align --captions vs subcaptions.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/score_sets.sh"
score_caption_set subcaptions "$CORPUS/captions/compfigsep-prostate/prostate_data_only_annotated_captions.json" \
  "$here/floors/subcaptions.json"
