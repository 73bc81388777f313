#!/usr/bin/env bash
# SLURM follow-up job: merges the shard archives and writes every dataset from the merged archive.
# Usage: sbatch --dependency=afterok:<array job id> tools/cluster/slurm-merge.sh WORKDIR   (re-submitting redoes it)
#SBATCH --job-name=pubforge-merge
#SBATCH --cpus-per-task=8
#SBATCH --mem=8G
#SBATCH --time=04:00:00
set -euo pipefail
work=${1:?output directory used by slurm-array.sh}
# sbatch runs a spooled copy of this script, so merge-export.sh is found from the submit directory (the repo).
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$here/merge-export.sh" ] || here=${SLURM_SUBMIT_DIR:-.}/tools/cluster
exec "$here/merge-export.sh" "$work" "${SLURM_CPUS_PER_TASK:-1}"
