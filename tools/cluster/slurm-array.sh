#!/usr/bin/env bash
# SLURM job array: each task runs one deterministic shard of the corpus into its own archive.
# Submit:  sbatch --array=1-64 tools/cluster/slurm-array.sh /data/pmc-oa /scratch/pubforge
# Then:    sbatch --dependency=afterok:<array job id> tools/cluster/slurm-merge.sh /scratch/pubforge
# Reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN (default 1), SLURM_ARRAY_TASK_COUNT and SLURM_CPUS_PER_TASK;
# the array must be a contiguous range (1-64 or 0-63, throttles like %8 are fine).
#SBATCH --job-name=pubforge-shard
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --output=pubforge-%A_%a.log
set -euo pipefail
corpus=${1:?corpus directory or @list.txt}
work=${2:?output directory on shared storage}
id=${SLURM_ARRAY_TASK_ID:?run under sbatch --array}
n=${SLURM_ARRAY_TASK_COUNT:?run under sbatch --array}
k=$((id - ${SLURM_ARRAY_TASK_MIN:-1} + 1))
# One shared image store: it is content-addressed and written atomically, so shards may share it.
# Re-submitting a failed task resumes it: inputs already in its archive are skipped.
exec "${PUBFORGE:-pubforge}" run "$corpus" --shard "$k/$n" -j "${SLURM_CPUS_PER_TASK:-1}" \
  -o "$work/shards/$k" --store "$work/store" --export none --max-errors 1000000
