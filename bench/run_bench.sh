#!/usr/bin/env bash
# End-to-end benchmark: every stage (parse, crop, align, archive load, export) and `run`, at -j1 and -j2, over a
# generated corpus of N articles with images and over ../shared/corpus when present (its curated JATS and
# PDFs, and the 300 real Europe PMC articles); peak RSS of `run -j4` at 1x
# (N/10 articles) and 10x (N articles); and the projection to all of PMC-OA (6M articles, 24M figures) on 16 cores.
# Usage: bench/run_bench.sh BUILD_DIR [ARTICLES=500]     (the sizing in docs/operations.md uses ARTICLES=5000)
# MB/s is source-corpus megabytes per second for every stage, so stages compare on one scale.
# Set BENCH_TSV=FILE to also get the rows as tab-separated values.
set -euo pipefail
build=$(realpath "${1:-build}")
n=${ARTICLES:-${2:-500}}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/pubforge-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
pubforge="$build/pubforge"
tsv=${BENCH_TSV:-/dev/null}
printf "corpus\tstep\tjobs\tarticles\tfigures\tseconds\tarticles_s\tfigures_s\tmb_s\trss_mib\n" > "$tsv"

# shellcheck source=bench/timed.sh
. "$repo/bench/timed.sh"

# Prints one row: corpus step jobs articles figures mb
row() {
  local rates
  rates=$(python3 -c "t=max($elapsed,0.01);print(f'{$4/t:.1f} {$5/t:.1f} {$6/t:.2f}')")
  read -r a_s f_s mb_s <<< "$rates"
  printf "%-10s %-13s -j%-2s %6d art %7d fig %8.1f s %8s art/s %8s fig/s %7s MB/s %6d MiB\n" \
    "$1" "$2" "$3" "$4" "$5" "$elapsed" "$a_s" "$f_s" "$mb_s" "$rss"
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$1" "$2" "$3" "$4" "$5" "$elapsed" "$a_s" "$f_s" "$mb_s" "$rss" >> "$tsv"
}

# Counts articles and figures in a records file: "ARTICLES FIGURES".
count_records() {
  python3 -c "
import json, sys
a = f = 0
for line in open(sys.argv[1]):
    a += 1; f += len(json.loads(line).get('figures', []))
print(a, f)" "$1"
}

# Each stage as its own command over files (as in a Makefile), then `run` in one process.
# Sets run_rate (articles/s) and run_fig_rate (figures/s) of the `run` row.
measure() {  # label jobs inputs...
  local label=$1 jobs=$2; shift 2
  local out="$work/$label-j$jobs" mb articles figures
  mkdir -p "$out"
  mb=$(du -smL "$@" | awk '{s += $1} END {print s}')
  timed "$pubforge" -q parse "$@" -o "$out/parsed.jsonl" --store "$out/store" -j "$jobs" --rejects "$out/rejects.jsonl"
  read -r articles figures < <(count_records "$out/parsed.jsonl")
  row "$label" parse "$jobs" "$articles" "$figures" "$mb"
  timed "$pubforge" -q crop "$out/parsed.jsonl" -o "$out/cropped.jsonl" --store "$out/store" -j "$jobs"
  row "$label" crop "$jobs" "$articles" "$figures" "$mb"
  timed "$pubforge" -q align "$out/cropped.jsonl" -o "$out/aligned.jsonl" -j "$jobs"
  row "$label" align "$jobs" "$articles" "$figures" "$mb"
  timed "$pubforge" -q archive load "$out/archive.sqlite" "$out/aligned.jsonl"
  row "$label" "archive load" "$jobs" "$articles" "$figures" "$mb"
  timed "$pubforge" -q export pairs --db "$out/archive.sqlite" --store "$out/store" -o "$out/pairs" -j "$jobs"
  row "$label" "export pairs" "$jobs" "$articles" "$figures" "$mb"
  rm -rf "$out"
  timed "$pubforge" -q run "$@" -o "$out" -j "$jobs" --export pairs
  read -r articles figures < <(python3 -c "import json;s=json.load(open('$out/summary.json'));print(s['articles'],s['figures'])")
  row "$label" "run" "$jobs" "$articles" "$figures" "$mb"
  run_rate=$(python3 -c "print($articles/max($elapsed,0.01))")
  run_fig_rate=$(python3 -c "print($figures/max($elapsed,0.01))")
  rm -rf "$out"
}

start=$(date +%s)
"$build/bench/make_corpus" "$work/corpus" "$n" 314
"$build/bench/make_corpus" "$work/corpus-tenth" "$(( (n + 9) / 10 ))" 314
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "generated corpus: $n articles, $(du -sm "$work/corpus" | cut -f1) MB (generated in $(( $(date +%s) - start )) s)"

if [ -d "$repo/../shared/corpus" ]; then
  shared=$(realpath "$repo/../shared/corpus")
  for jobs in 1 2; do measure shared "$jobs" "$shared/jats" "$shared/pdf"; done
  # Real material nobody tuned on: 300 Europe PMC articles of 274 journals (articles/s and peak RSS of run).
  if [ -d "$shared/real/europepmc" ]; then
    for jobs in 1 2; do measure europepmc "$jobs" "$shared/real/europepmc"; done
  fi
fi
measure generated 1 "$work/corpus"
rate1=$run_rate fig1=$run_fig_rate
measure generated 2 "$work/corpus"
rate2=$run_rate fig2=$run_fig_rate

# Bounded memory: `run -j4` peak RSS on a tenth of the corpus (1x) and on the whole corpus (10x).
timed "$pubforge" -q run "$work/corpus-tenth" -o "$work/rss1" -j 4 --export pairs
rss1=$rss
timed "$pubforge" -q run "$work/corpus" -o "$work/rss10" -j 4 --export pairs
rss10=$rss
echo "peak RSS of run -j4: 1x ($(( (n + 9) / 10 )) articles) $rss1 MiB, 10x ($n articles) $rss10 MiB (target < 500 MiB)"

# Projection: per-core rate from -j1, scaled to 16 cores with the measured -j2 efficiency (a floor: this
# machine's 2 cores are shared); PMC-OA is limited by whichever of articles or figures takes longer.
python3 - "$rate1" "$rate2" "$fig1" "$fig2" <<'PY'
import sys
rate1, rate2, fig1, fig2 = map(float, sys.argv[1:])
efficiency = min(1.0, rate2 / (2 * rate1))
hours_articles = 6_000_000 / (rate1 * 16 * efficiency) / 3600
hours_figures = 24_000_000 / (fig1 * 16 * efficiency) / 3600
print(f"projection (run, 16 cores, -j2 efficiency {efficiency:.2f}): 6M articles at {rate1 * 16 * efficiency:.0f}/s -> "
      f"{hours_articles:.1f} h; 24M figures at {fig1 * 16 * efficiency:.0f}/s -> {hours_figures:.1f} h; "
      f"PMC-OA in {max(hours_articles, hours_figures):.1f} h (target < 24 h)")
PY
