#!/usr/bin/env bash
# pubforge report: wall time and peak RSS over the 300 real Europe PMC articles (../shared/corpus, when present) and a
# generated archive of N articles, each against `archive stats` on the same archive in the same script (ratios).
# Usage: bench/report_bench.sh BUILD_DIR [ARTICLES=5000]
set -euo pipefail
build=$(realpath "${1:-build}")
n=${ARTICLES:-${2:-5000}}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/pubforge-report-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
pubforge="$build/pubforge"

# shellcheck source=bench/timed.sh
. "$repo/bench/timed.sh"

# label archive store: report vs stats on one archive.
measure() {
  local label=$1 db=$2 store=$3
  local articles figures
  read -r articles figures < <(sqlite3 "$db" "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM figures)" | tr '|' ' ')
  timed "$pubforge" -q archive stats "$db"
  local stats_s=$elapsed stats_rss=$rss
  rm -rf "$work/report-$label"
  timed "$pubforge" -q report "$db" --store "$store" -o "$work/report-$label"
  local images
  images=$(find "$work/report-$label/figures" -type f | wc -l)
  printf "%-10s %6d articles %7d figures | report %7.2f s %5d MiB (%d gallery images) | archive stats %6.2f s %5d MiB | time x%.1f, RSS x%.2f\n" \
    "$label" "$articles" "$figures" "$elapsed" "$rss" "$images" "$stats_s" "$stats_rss" \
    "$(python3 -c "print($elapsed/max($stats_s,0.01))")" "$(python3 -c "print($rss/max($stats_rss,1))")"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
europepmc="$repo/../shared/corpus/real/europepmc"
if [ -d "$europepmc" ]; then
  "$pubforge" -q run "$europepmc" -o "$work/epmc" -j 2 --export none --no-report || [ $? -le 1 ]
  measure europepmc "$work/epmc/archive.sqlite" "$work/epmc/store"
else
  echo "europepmc: ../shared/corpus/real/europepmc absent, skipped"
fi
"${MAKE_CORPUS:-$build/bench/make_corpus}" "$work/corpus" "$n" 314
"$pubforge" -q run "$work/corpus" -o "$work/gen" -j 2 --export none --no-report || [ $? -le 1 ]
rm -rf "$work/corpus"
measure "generated" "$work/gen/archive.sqlite" "$work/gen/store"
