#!/usr/bin/env bash
# pubforge run killed at any point (SIGTERM, kill -9) and started again with the same command ends with the
# same exports and the same archive content as an uninterrupted run, and leaves no temporary file behind.
set -euo pipefail
bin=$1 src=$2
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
# Killed during the export pass (simulated exactly: the state kill -9 leaves mid-export is an
# export folder with its in-progress marker and part of its files, no manifest, no summary).
cp -r "$work/whole" "$work/mid-export"
rm "$work/mid-export/summary.json" "$work/mid-export/exports/pairs/manifest.json"
: > "$work/mid-export/exports/pairs/.pubforge-export-in-progress"
: > "$work/mid-export/exports/pairs/train/000001.tar"
"$bin" -q run "$work/corpus" -o "$work/mid-export" -j 2
diff -r "$work/whole/exports" "$work/mid-export/exports"
# A folder that is not an export (no manifest, no marker) is never cleared.
mkdir -p "$work/mine/exports/text" && echo keep > "$work/mine/exports/text/notes.txt"
set +e
"$bin" -q run "$src/data/samples" -o "$work/mine" 2>/dev/null
status=$?
set -e
[ $status -eq 3 ] && [ "$(cat "$work/mine/exports/text/notes.txt")" = keep ] || { echo "a user folder was cleared (exit $status)"; exit 1; }
echo "run: resumed after SIGTERM and kill -9 with the outputs of an uninterrupted run"
