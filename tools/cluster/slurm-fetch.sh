#!/usr/bin/env bash
# SLURM job array: each task fetches one shard of a PMC-OA file list into a shared mirror, the shard that the
# same task of slurm-array.sh then processes (both split by the hash of the file name).
# Submit:  fetch=$(sbatch --parsable --array=1-8 tools/cluster/slurm-fetch.sh oa_file_list.csv /scratch/pmc-oa)
#          run=$(sbatch --parsable --array=1-8 --dependency=aftercorr:$fetch tools/cluster/slurm-array.sh /scratch/pmc-oa /scratch/pubforge)
#          sbatch --dependency=afterok:$run tools/cluster/slurm-merge.sh /scratch/pubforge
# (aftercorr: run task K starts when fetch task K has finished; both arrays must have the same range.)
# Env: PUBFORGE, RATE (requests/s per task, default 0.5: eight tasks ask at most 4/s in all), FETCH_OPTIONS
# (e.g. "--license commercial --base-url ..."). Re-submitting a task resumes it: files already in the mirror
# are skipped, partial downloads continue with a range request.
#SBATCH --job-name=pubforge-fetch
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=24:00:00
#SBATCH --output=pubforge-fetch-%A_%a.log
set -euo pipefail
list=${1:?PMC file list (oa_file_list.csv) on shared storage}
mirror=${2:?mirror directory on shared storage}
id=${SLURM_ARRAY_TASK_ID:?run under sbatch --array}
n=${SLURM_ARRAY_TASK_COUNT:?run under sbatch --array}
k=$((id - ${SLURM_ARRAY_TASK_MIN:-1} + 1))
mkdir -p "$mirror/.rejects"
# Rejected files (after their retries) are listed per task in MIRROR/.rejects/ (hidden: never an input); they
# do not fail the task, so the run array goes on with what arrived.
# shellcheck disable=SC2086
exec "${PUBFORGE:-pubforge}" fetch "$list" -o "$mirror" --shard "$k/$n" -j 2 --rate "${RATE:-0.5}" \
  --rejects "$mirror/.rejects/fetch-$k.jsonl" ${FETCH_OPTIONS:-}
