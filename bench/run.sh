#!/usr/bin/env bash
# make bench: runs every benchmark program and script; each prints throughput, a baseline and peak memory.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
for program in "$build"/bench/*_bench; do
  [ -x "$program" ] || continue
  echo "== $(basename "$program")"
  "$program" "$here/.." || echo "(failed: $program)"
done
for script in "$here"/*_bench.sh; do
  [ -f "$script" ] || continue
  echo "== $(basename "$script" .sh)"
  bash "$script" "$build" || echo "(failed: $script)"
done
