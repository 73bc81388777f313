#!/usr/bin/env bash
# The cluster recipes for real on data/samples (and the fetch flow from a file list, through a file:// base): tools/Makefile.example with 2 shards (shard archives -> archive
# merge -> six exports) gives the exports and store of one unsharded `pubforge run`, byte for byte; a second `make`
# does nothing; the SLURM array script run as 2 local tasks plus slurm-merge.sh gives the same bytes; GNU
# parallel's recipe too when parallel is installed (else a visible SKIP).
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PUBFORGE=$bin

"$bin" -q run "$src/data/samples" -o "$work/single" -j 2
make -s -f "$src/tools/Makefile.example" CORPUS="$src/data/samples" WORK="$work/make" SHARDS=2 JOBS=2 2> "$work/make.log" \
  || { cat "$work/make.log"; exit 1; }

# Both shards got inputs, and together all of them.
python3 - "$work/single/summary.json" "$work/make/shards/1/summary.json" "$work/make/shards/2/summary.json" <<'PY'
import json, sys
single, *shards = (json.load(open(p)) for p in sys.argv[1:])
assert all(s["articles"] > 0 for s in shards), shards
assert sum(s["articles"] for s in shards) == single["articles"] == 3, (single, shards)
PY

# Every export is byte-identical, manifests included (they name the archive by its content, not its load history).
diff -r "$work/single/exports" "$work/make/exports"
diff -r "$work/single/store" "$work/make/store"

# A second make finds everything up to date and touches nothing.
touch "$work/stamp"
sleep 1
make -f "$src/tools/Makefile.example" CORPUS="$src/data/samples" WORK="$work/make" SHARDS=2 JOBS=2 > "$work/make2.log" 2>&1
if grep -q "$bin" "$work/make2.log" || [ -n "$(find "$work/make" -newer "$work/stamp" -print -quit)" ]; then
  cat "$work/make2.log"
  echo "the second make ran commands or changed files"
  exit 1
fi
# A newer shard makes the merged archive and every export again (with --overwrite).
touch "$work/make/shards/1/summary.json"
make -s -f "$src/tools/Makefile.example" CORPUS="$src/data/samples" WORK="$work/make" SHARDS=2 JOBS=2 2> "$work/make.log" \
  || { cat "$work/make.log"; exit 1; }
[ "$work/make/exports/requests/manifest.json" -nt "$work/make/shards/1/summary.json" ] || { echo "exports not remade"; exit 1; }

# SLURM: the array script as tasks 0 and 1 of an array 0-1 on this machine, then the merge job (twice: resubmittable).
for id in 0 1; do
  SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=2 SLURM_CPUS_PER_TASK=2 \
    bash "$src/tools/cluster/slurm-array.sh" "$src/data/samples" "$work/slurm" 2>> "$work/slurm.log"
done
for attempt in 1 2; do bash "$src/tools/cluster/slurm-merge.sh" "$work/slurm" 2>> "$work/slurm.log"; done
diff -r "$work/make/exports" "$work/slurm/exports"

# The flow from a file list (fetch -> run --shard -> archive merge -> export) with the Makefile: the packages come
# through a file:// base (no network), fetch shard K feeds run shard K, and the exports equal one unsharded run
# over the same mirror. tools/cluster/slurm-fetch.sh as 2 local tasks fetches the same mirror.
served=$work/served
mkdir -p "$served/oa_package/a1/01" "$served/oa_package/b2/02" "$served/oa_package/c3/03"
cp "$src/data/samples/PMC9000002.tar.gz" "$served/oa_package/a1/01/"
tar czf "$served/oa_package/b2/02/PMC9000101.tar.gz" -C "$src/data/samples" cortex-mri
tar czf "$served/oa_package/c3/03/PMC9000102.tar.gz" -C "$src/data/samples" retina-oct
(cd "$served" && find oa_package -name '*.tar.gz' | sort) > "$work/list.txt"
make -s -f "$src/tools/Makefile.example" LIST="$work/list.txt" FETCH_OPTIONS="--base-url file://$served/" WORK="$work/flow" \
  SHARDS=2 JOBS=2 RATE=0 2> "$work/flow.log" || { cat "$work/flow.log"; exit 1; }
[ "$(find "$work/flow/mirror" -name '*.tar.gz' | wc -l)" -eq 3 ] && [ ! -s "$work/flow/fetch/1.rejects.jsonl" ]
"$bin" -q run "$work/flow/mirror" -o "$work/flow-single" -j 2
diff -r "$work/flow-single/exports" "$work/flow/exports"
for id in 1 2; do
  SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_COUNT=2 RATE=0 FETCH_OPTIONS="--base-url file://$served/" \
    bash "$src/tools/cluster/slurm-fetch.sh" "$work/list.txt" "$work/slurm-mirror" 2>> "$work/slurm-fetch.log"
done
diff -r -x .rejects "$work/flow/mirror" "$work/slurm-mirror"

if command -v parallel > /dev/null; then
  bash "$src/tools/cluster/parallel.sh" "$src/data/samples" "$work/parallel" 2 2 2> "$work/parallel.log"
  diff -r "$work/make/exports" "$work/parallel/exports"
else
  echo "SKIP: GNU parallel is not installed; tools/cluster/parallel.sh not exercised"
fi
echo "cluster recipes: Makefile (from inputs, and from a file list through fetch), SLURM arrays (and parallel when installed) match one unsharded run"
