#!/usr/bin/env bash
# GNU parallel recipe for one large machine or an ssh host list: N shards, then merge and export.
# Usage: tools/cluster/parallel.sh CORPUS WORKDIR [SHARDS] [JOBS_PER_SHARD]   (add --sshloginfile to parallel for hosts)
set -euo pipefail
corpus=${1:?corpus} work=${2:?workdir} shards=${3:-8} jobs=${4:-2}
seq 1 "$shards" | parallel --halt soon,fail=1 --joblog "$work/parallel.log" \
  pubforge run "$corpus" --shard {}/"$shards" -j "$jobs" -o "$work/shards/{}" --store "$work/store" --export none
pubforge archive merge "$work/archive.sqlite" "$work"/shards/*/archive.sqlite
pubforge export pairs --db "$work/archive.sqlite" --store "$work/store" -o "$work/exports/pairs"
