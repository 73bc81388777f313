#!/usr/bin/env bash
# make corpus-check: runs every tests/corpus/check_*.sh against ../shared/corpus and fails if any falls below its floors.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${PUBFORGE:?set PUBFORGE to the pubforge binary}" "${CORPUS:=../shared/corpus}" "${PYTHON:=python3}"
export PUBFORGE=$(realpath "$PUBFORGE") CORPUS=$(realpath "$CORPUS") PYTHON
export EVAL=$(realpath "$CORPUS/../eval")
export WORK=$(mktemp -d /tmp/pubforge-corpus-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
status=0
for check in "$here"/check_*.sh; do
  echo "== $(basename "$check" .sh)"
  bash "$check" || { echo "FAILED: $(basename "$check")"; status=1; }
done
exit $status
