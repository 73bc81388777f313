#!/usr/bin/env bash
# End-to-end benchmark of `pubforge run`: a generated corpus at 1x and 10x, -j1 and -j2, against reading
# the same bytes with cat (the I/O floor) in the same script; prints articles/s, figures/s, MB/s, peak RSS
# and the projection to all of PMC-OA (6M articles, 24M figures) on a 16-core machine.
# Usage: bench/run_bench.sh BUILD_DIR [ARTICLES=500]
set -euo pipefail
build=$(realpath "${1:-build}")
n=${ARTICLES:-${2:-500}}
work=$(mktemp -d /tmp/pubforge-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
pubforge="$build/pubforge"
"$build/bench/make_corpus" "$work/corpus1" "$n" 314
"$build/bench/make_corpus" "$work/corpus10" "$((n * 10))" 315

measure() {  # label corpus jobs
  local label=$1 corpus=$2 jobs=$3 out="$work/out-$1"
  local mb start end elapsed rss articles figures
  mb=$(du -sm "$corpus" | cut -f1)
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" cat $(find "$corpus" -type f) > /dev/null
  end=$(date +%s.%N)
  local floor; floor=$(echo "$end - $start" | bc -l)
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$pubforge" -q run "$corpus" -o "$out" -j "$jobs" --export pairs > /dev/null
  end=$(date +%s.%N)
  elapsed=$(echo "$end - $start" | bc -l)
  rss=$(( $(tail -1 "$work/rss") / 1024 ))
  articles=$(python3 -c "import json;print(json.load(open('$out/summary.json'))['articles'])")
  figures=$(python3 -c "import json;print(json.load(open('$out/summary.json'))['figures'])")
  printf "%-10s -j%d %6d articles %7.1f articles/s %8.1f figures/s %6.1f MB/s  peak RSS %5d MiB  cat floor ratio %.1fx\n" \
    "$label" "$jobs" "$articles" "$(echo "$articles / $elapsed" | bc -l)" "$(echo "$figures / $elapsed" | bc -l)" \
    "$(echo "$mb / $elapsed" | bc -l)" "$rss" "$(echo "$elapsed / ($floor + 0.001)" | bc -l)"
  echo "$articles $elapsed $jobs" > "$work/last"
  rm -rf "$out"
}

echo "corpus: $n and $((n * 10)) generated articles"
measure 1x "$work/corpus1" 1
measure 1x "$work/corpus1" 2
measure 10x "$work/corpus10" 1
read -r articles elapsed _ < "$work/last"
measure 10x "$work/corpus10" 2
read -r articles2 elapsed2 _ < "$work/last"
# Projection: per-core rate from -j1, scaled to 16 cores with the measured -j2 efficiency.
python3 - "$articles" "$elapsed" "$articles2" "$elapsed2" <<'PY'
import sys
a1, t1, a2, t2 = map(float, sys.argv[1:])
rate1, rate2 = a1 / t1, a2 / t2
efficiency = min(1.0, rate2 / (2 * rate1))
rate16 = rate1 * 16 * efficiency
hours = 6_000_000 / rate16 / 3600
print(f"projection: 16 cores x {rate1:.1f} articles/s/core x {efficiency:.2f} parallel efficiency = {rate16:.0f} articles/s;"
      f" 6M articles (24M figures) in {hours:.1f} h")
PY
