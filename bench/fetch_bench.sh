#!/usr/bin/env bash
# Files/s of `pubforge fetch --rate 0` at -j1 and -j4 against a local HTTP server (tests/fetch/fault_server.py,
# 127.0.0.1), with curl's command line over the same files as the baseline (sequential, and --parallel-max 4),
# plus a resume: a mirror with every file half-downloaded, finished by range requests. Medians of RUNS runs.
# Usage: bench/fetch_bench.sh BUILD_DIR [FILES] [KIB]   (defaults: 400 files of 64 KiB)
set -euo pipefail
build=${1:-build}
files=${2:-400} kib=${3:-64}
pubforge=$(realpath "$build/pubforge")
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/pubforge-fetch-bench-XXXXXX)
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid"; rm -rf "$work"' EXIT
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy

# FILES packages of KIB KiB each (gzip'd tar of random bytes: incompressible, as figures are), and their list.
python3 - "$work/served" "$work/list.csv" "$files" "$kib" <<'PY'
import io, os, random, sys, tarfile
root, list_path, n, kib = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
random.seed(7)
rows = []
for i in range(n):
    rel = "oa_package/%02x/%02x/PMC%d.tar.gz" % (i % 256, i // 256, 100000 + i)
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = random.randbytes(kib * 1024)
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("PMC%d/figure.bin" % (100000 + i)); info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    rows.append("%s,Bench J. 2024; 1:%d,PMC%d,2024-01-01 00:00:00,%d,CC BY" % (rel, i, 100000 + i, i))
open(list_path, "w").write("\n".join(rows) + "\n")
PY
python3 "$src/tests/fetch/fault_server.py" "$work/served" "$work/port" "$work/server.log" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")/"
bytes=$(find "$work/served" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
# curl's config: one url/output pair per file.
awk -F, -v base="$base" -v out="$work/curl" '{print "url = \"" base $1 "\"\noutput = \"" out "/" $1 "\""}' "$work/list.csv" > "$work/curl.cfg"

seconds() {
  python3 -c 'import subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(f"{time.perf_counter() - start:.3f}")' "$@"
}
report() {  # label seconds baseline_seconds
  python3 -c 'import sys; label, s, b, n, mb = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]) / 1e6
print(f"fetch: {label}: {n / s:.0f} files/s, {mb / s:.1f} MB/s ({s:.2f} s; curl CLI {n / b:.0f} files/s, ratio {b / s:.2f})")' "$@" "$files" "$bytes"
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }
# Each measurement is the median of RUNS (default 5), alternating ours and curl's: a shared machine is noisy.
for jobs in 1 4; do
  ours=() theirs=()
  for _ in $(seq "${RUNS:-5}"); do
    rm -rf "$work/mirror" "$work/curl"
    ours+=("$(seconds "$pubforge" fetch "$work/list.csv" -o "$work/mirror" --base-url "$base" --rate 0 -j "$jobs")")
    [ "$(find "$work/mirror" -name '*.tar.gz' | wc -l)" -eq "$files" ] || { echo "fetch -j$jobs did not fetch every file"; exit 1; }
    if [ "$jobs" -eq 1 ]; then
      theirs+=("$(seconds curl -s --create-dirs -K "$work/curl.cfg")")
    else
      theirs+=("$(seconds curl -s --create-dirs --parallel --parallel-max 4 -K "$work/curl.cfg")")
    fi
  done
  report "-j$jobs" "$(median "${ours[@]}")" "$(median "${theirs[@]}")"
done
# Re-run: nothing to fetch (every file is up to date), then --verify (every file read back with libarchive).
rerun=$(seconds "$pubforge" fetch "$work/list.csv" -o "$work/mirror" --base-url "$base" --rate 0 -j 4)
verify=$(seconds "$pubforge" fetch "$work/list.csv" -o "$work/mirror" --base-url "$base" --rate 0 -j 4 --verify)
echo "fetch: re-run with everything up to date: $rerun s; with --verify: $verify s (for $files files)"
# Resume: every file half there in .partial/; the server must send only the other halves.
rm -rf "$work/resume"
(cd "$work/served" && find oa_package -name '*.tar.gz') | while read -r rel; do
  mkdir -p "$(dirname "$work/resume/.partial/$rel")"
  head -c "$(( $(stat -c %s "$work/served/$rel") / 2 ))" "$work/served/$rel" > "$work/resume/.partial/$rel"
done
: > "$work/server.log"
resume=$(seconds "$pubforge" fetch "$work/list.csv" -o "$work/resume" --base-url "$base" --rate 0 -j 4)
sent=$(python3 -c 'import json,sys; print(sum(json.loads(l)["sent"] for l in open(sys.argv[1])))' "$work/server.log")
diff -r "$work/served" "$work/resume" -x .partial > /dev/null || { echo "resumed mirror differs"; exit 1; }
python3 -c 'import sys; s, sent, total, n = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(f"fetch: resume of {n} half-downloaded files: {s:.2f} s, the server sent {sent / total:.2f} of the bytes (ideal 0.50)")' \
  "$resume" "$sent" "$bytes" "$files"
