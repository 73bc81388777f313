#!/usr/bin/env bash
# make corpus-check, JATS: parse every article of $CORPUS/jats, score with $EVAL/jats.py, fail below floors/jats.json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${PUBFORGE:?}" "${CORPUS:?}" "${EVAL:?}" "${PYTHON:=python3}" "${WORK:?}"
out=$WORK/jats
mkdir -p "$out"
# Article XML only: docling's ground truth and Texture's DAR manifest.xml are not articles.
find "$CORPUS/jats" \( -name '*.xml' -o -name '*.nxml' \) ! -path '*/groundtruth/*' ! -name manifest.xml | sort >"$out/inputs.txt"
"$PUBFORGE" parse "@$out/inputs.txt" --store "$out/store" -o "$out/articles.jsonl" --rejects "$out/rejects.jsonl" 2>"$out/parse.log"
if [ -s "$out/rejects.jsonl" ]; then
  echo "  rejected documents:"; sed 's/^/    /' "$out/rejects.jsonl"
fi
# shellcheck disable=SC2046
"$PYTHON" "$EVAL/jats.py" "$out/articles.jsonl" $(cat "$out/inputs.txt") >"$out/scores.txt"
sed 's/^/  /' "$out/scores.txt"
"$PYTHON" "$here/floors.py" "$here/floors/jats.json" "$out/scores.txt"
[ ! -s "$out/rejects.jsonl" ]
