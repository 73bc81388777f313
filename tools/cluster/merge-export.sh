#!/usr/bin/env bash
# The last step of every cluster recipe: merge WORKDIR/shards/*/archive.sqlite into WORKDIR/archive.sqlite and
# write the six datasets under WORKDIR/exports, with the same options as tools/Makefile.example.
# Usage: tools/cluster/merge-export.sh WORKDIR [JOBS]   (env: PUBFORGE, SEED, SPLIT, MODEL); safe to re-run.
set -euo pipefail
work=${1:?workdir holding shards/} jobs=${2:-1}
pubforge=${PUBFORGE:-pubforge}
# merge refuses to overwrite: a re-run starts from a fresh merged archive.
rm -f "$work/archive.sqlite" "$work/archive.sqlite-wal" "$work/archive.sqlite-shm"
"$pubforge" archive merge "$work/archive.sqlite" "$work"/shards/*/archive.sqlite
for kind in text pairs subfigures mentions llava requests; do
  model=()
  [ "$kind" != requests ] || model=(--model "${MODEL:-gpt-4o-mini}")
  "$pubforge" export "$kind" --db "$work/archive.sqlite" --store "$work/store" -o "$work/exports/$kind" --overwrite \
    --split "${SPLIT:-train=0.9,val=0.05,test=0.05}" --seed "${SEED:-314}" -j "$jobs" "${model[@]}"
done
