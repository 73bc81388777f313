#!/usr/bin/env bash
# GNU parallel recipe for one large machine or an ssh host list: N shards, then merge and export.
# Usage: tools/cluster/parallel.sh CORPUS WORKDIR [SHARDS] [JOBS_PER_SHARD]   (add --sshloginfile to parallel for hosts)
set -euo pipefail
corpus=${1:?corpus} work=${2:?workdir} shards=${3:-8} jobs=${4:-2}
pubforge=${PUBFORGE:-pubforge}
mkdir -p "$work"
seq 1 "$shards" | parallel --halt soon,fail=1 --joblog "$work/parallel.log" \
  "$pubforge" run "$corpus" --shard {}/"$shards" -j "$jobs" -o "$work/shards/{}" --store "$work/store" --export none
PUBFORGE=$pubforge "$(dirname "$0")/merge-export.sh" "$work" "$jobs"
