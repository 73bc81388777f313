#!/usr/bin/env bash
# Start-up cost of `pubforge --version` and of a subcommand (median wall time, peak RSS, shared libraries loaded) against a libc-only C program.
set -euo pipefail
build=${1:-build}
pubforge=$(realpath "$build/pubforge")
runs=${RUNS:-40}
work=$(mktemp -d /tmp/pubforge-startup-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

# The baseline: the smallest program the same compiler builds, linking libc only, doing what
# --version does (print one line).
printf '#include <stdio.h>\nint main(void) { puts("pubforge 0.0.0"); return 0; }\n' > "$work/version.c"
cc -O2 -o "$work/version" "$work/version.c"

libraries() { ldd "$1" | grep -c '\.so'; }
peak_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

python3 - "$runs" "$pubforge" "$work/version" "$(libraries "$pubforge")" "$(libraries "$work/version")" \
  "$(peak_kib "$pubforge" --version)" "$(peak_kib "$work/version")" <<'EOF'
import resource, statistics, subprocess, sys, time
runs, pubforge, baseline = int(sys.argv[1]), sys.argv[2], sys.argv[3]
libs_ours, libs_base, rss_ours, rss_base = (int(v) for v in sys.argv[4:8])

# Median wall time, and mean CPU time (user + system), which a busy machine inflates less.
def measure_ms(command):
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    times = []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000 / runs
    return statistics.median(times), cpu

ours, ours_cpu = measure_ms([pubforge, "--version"])
# A subcommand's start: what a Makefile calling `pubforge parse` per file pays before the first document.
command, _ = measure_ms([pubforge, "parse", "--help"])
base, base_cpu = measure_ms([baseline])
print(f"startup: pubforge --version {ours:.1f} ms median of {runs} (libc-only C program {base:.1f} ms, ratio {ours / base:.1f}); target < 30 ms")
print(f"startup: CPU {ours_cpu:.1f} ms a start (C program {base_cpu:.1f} ms)")
print(f"startup: pubforge parse --help {command:.1f} ms (the PDF reader loads later, with the first PDF)")
print(f"startup: peak RSS {rss_ours / 1024:.1f} MiB (C program {rss_base / 1024:.1f} MiB, ratio {rss_ours / rss_base:.1f}); target < 25 MB")
print(f"startup: {libs_ours} shared libraries loaded (C program {libs_base}); target < 60")
EOF
