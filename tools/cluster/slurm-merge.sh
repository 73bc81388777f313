#!/usr/bin/env bash
# SLURM follow-up job: merges the shard archives and writes every dataset from the merged archive.
#SBATCH --job-name=pubforge-merge
#SBATCH --cpus-per-task=8
#SBATCH --mem=8G
#SBATCH --time=04:00:00
set -euo pipefail
work=${1:?output directory used by slurm-array.sh}
pubforge archive merge "$work/archive.sqlite" "$work"/shards/*/archive.sqlite
for kind in text pairs subfigures mentions llava requests; do
  pubforge export "$kind" --db "$work/archive.sqlite" --store "$work/store" -o "$work/exports/$kind" \
    --split train=0.9,val=0.05,test=0.05 --seed 314
done
