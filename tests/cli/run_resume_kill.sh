#!/usr/bin/env bash
# pubforge run killed at any point (SIGTERM, kill -9) and started again with the same command ends with the
# same exports and the same archive content as an uninterrupted run, and leaves no temporary file behind.
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$(dirname "$bin")/bench/make_corpus" "$work/corpus" 160 11
"$bin" -q run "$work/corpus" -o "$work/whole" -j 2

# The archive's content as its statistics see it (the exports above hold every record's text).
stats() { "$bin" -q archive stats "$1/archive.sqlite" --json; }

interrupt_and_resume() {  # $1 signal, $2 seconds before it, $3 output folder
  "$bin" -q run "$work/corpus" -o "$3" -j 2 &
  local runner=$! status
  sleep "$2"
  kill -"$1" $runner 2>/dev/null || true
  set +e
  wait $runner
  status=$?
  set -e
  echo "  $1 after ${2}s: exit $status"
  "$bin" -q run "$work/corpus" -o "$3" -j 2
  diff -r "$work/whole/exports" "$3/exports"
  diff -r "$work/whole/store" "$3/store"
  [ "$(stats "$work/whole")" = "$(stats "$3")" ] || { echo "$1: archive differs after resume"; exit 1; }
  "$bin" -q archive check "$3/archive.sqlite" --store "$3/store" >/dev/null
  ! find "$3" -name '*.tmp-*' | grep -q . || { echo "$1: temporary files left behind"; exit 1; }
}

interrupt_and_resume TERM 1.0 "$work/term"
interrupt_and_resume KILL 0.7 "$work/kill-early"
interrupt_and_resume KILL 2.5 "$work/kill-late"
echo "run: resumed after SIGTERM and kill -9 with the outputs of an uninterrupted run"
