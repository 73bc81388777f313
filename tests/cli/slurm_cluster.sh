#!/usr/bin/env bash
# A real one-node SLURM cluster on this machine (as root): munged, slurmctld and slurmd with a private
# configuration, then tools/cluster/slurm-array.sh as `sbatch --array=1-2` over data/samples and slurm-merge.sh
# with --dependency=afterok; every export and the store must equal one unsharded `pubforge run`, byte for byte.
# Every daemon started here is stopped by its PID. SKIPs visibly when not root or the packages are absent
# (tools/install-deps.sh cluster installs slurmctld, slurmd, slurm-client and munge).
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the SLURM test starts slurmctld, slurmd and munged, which needs root"
  exit 0
fi
for tool in munged slurmctld slurmd sbatch squeue scontrol sinfo; do
  command -v "$tool" > /dev/null || { echo "SKIP: $tool is not installed (tools/install-deps.sh cluster)"; exit 0; }
done
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2> /dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
node=$(hostname -s)

# munge with its own key and socket, so a munged already running here is neither used nor disturbed.
mkdir -m 700 "$work/munge"
head -c 1024 /dev/urandom > "$work/munge/munge.key"
chmod 400 "$work/munge/munge.key"
munged --force --foreground --socket="$work/munge/munge.socket" --key-file="$work/munge/munge.key" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed" 2> "$work/munge/stderr" &
pids+=($!)

mkdir -p "$work/state" "$work/spool" "$work/logs"
cat > "$work/slurm.conf" <<EOF
ClusterName=pubforge-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=2000 State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$work/slurm.conf
for _ in $(seq 50); do [ -S "$work/munge/munge.socket" ] && break; sleep 0.1; done
slurmctld -D -i -f "$SLURM_CONF" 2> "$work/slurmctld.stderr" &
pids+=($!)
slurmd -D -f "$SLURM_CONF" 2> "$work/slurmd.stderr" &
pids+=($!)
daemon_logs() { tail -n 30 "$work"/munge/munged.log "$work"/slurmctld.log "$work"/slurmd.log "$work"/*.stderr 2> /dev/null || true; }
for _ in $(seq 300); do
  [ "$(sinfo -h -n "$node" -o %T 2> /dev/null)" = idle ] && break
  sleep 0.1
done
[ "$(sinfo -h -n "$node" -o %T 2> /dev/null)" = idle ] || { echo "the SLURM node never became idle"; daemon_logs; exit 1; }

# The reference: one unsharded run.
"$bin" -q run "$src/data/samples" -o "$work/single" -j 2

# The recipes as documented, submitted from the repository (slurm-merge.sh finds merge-export.sh from there).
export PUBFORGE=$bin
cd "$src"
array=$(sbatch --parsable --array=1-2 --cpus-per-task=1 --mem=500M --output="$work/logs/shard-%A_%a.log" \
  tools/cluster/slurm-array.sh "$src/data/samples" "$work/slurm")
merge=$(sbatch --parsable --dependency=afterok:"$array" --cpus-per-task=1 --mem=500M --output="$work/logs/merge-%j.log" \
  tools/cluster/slurm-merge.sh "$work/slurm")
# Wait for both: squeue lists them until they end; scontrol then says how (no accounting daemon: no sacct here).
for _ in $(seq 1200); do
  [ -z "$(squeue -h -j "$array,$merge" 2> /dev/null)" ] && break
  sleep 0.25
done
states=$(scontrol -o show job "$array" | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | tr -s ' ')
merge_state=$(scontrol -o show job "$merge" | grep -o 'JobState=[A-Z_]* .*ExitCode=[0-9:]*' | sed 's/ .*ExitCode=/ ExitCode=/')
if [ "$states" != " 2 JobState=COMPLETED" ] || [ "$merge_state" != "JobState=COMPLETED ExitCode=0:0" ]; then
  echo "array: $states; merge: $merge_state"
  cat "$work"/logs/* 2> /dev/null || true
  daemon_logs
  exit 1
fi
# Each array task ran one shard, and together they covered the inputs.
python3 - "$work/single/summary.json" "$work/slurm/shards/1/summary.json" "$work/slurm/shards/2/summary.json" <<'PY'
import json, sys
single, *shards = (json.load(open(p)) for p in sys.argv[1:])
assert sum(s["articles"] for s in shards) == single["articles"] == 3, (single, shards)
PY
diff -r "$work/single/exports" "$work/slurm/exports"
diff -r "$work/single/store" "$work/slurm/store"
echo "slurm: sbatch --array=1-2 + afterok merge on a real one-node cluster match one unsharded run"
