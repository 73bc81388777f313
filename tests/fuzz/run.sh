#!/usr/bin/env bash
# make fuzz: runs every fuzzer for FUZZ_SECONDS from its seed corpus (tests/fuzz/corpus/<name>/); crashes land in tests/fuzz/crashes/.
set -euo pipefail
build=${1:-build-fuzz}
here=$(cd "$(dirname "$0")" && pwd)
seconds=${FUZZ_SECONDS:-60}
mkdir -p "$here/crashes"
status=0
for fuzzer in "$build"/tests/fuzz/fuzz_*; do
  [ -x "$fuzzer" ] || continue
  name=$(basename "$fuzzer")
  work=$(mktemp -d)
  cp -r "$here/corpus/$name/." "$work/" 2>/dev/null || true
  echo "== $name ($seconds s)"
  "$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$here/crashes/$name-" "$work" 2>&1 | tail -3 || status=1
  rm -rf "$work"
done
exit $status
