#!/usr/bin/env bash
# Outputs as a Unix tool's: FIFOs, >(...), /dev/null and /dev/stdout written in place; /dev/full and a closed stdout are errors; | head -1 ends quietly.
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "outputs_unix: $*" >&2; exit 1; }

# 3,000 caption lines: the records run well past a pipe's 64 KiB buffer.
/usr/bin/python3 -c '
for i in range(3000):
    print("{\"key\": \"c%d\", \"caption\": \"(A) Axial T2 MRI of case %d. (B) Contrast-enhanced scan after treatment. (C) Follow-up at %d months.\"}" % (i, i, i))
' >"$work/captions.jsonl"
printf '{"key": "bad"}\n' >>"$work/captions.jsonl"
"$bin" align --captions "$work/captions.jsonl" -o "$work/want.jsonl" --rejects "$work/want.rejects" 2>/dev/null
[ "$(wc -l <"$work/want.jsonl")" -eq 3000 ] || fail "reference run wrote $(wc -l <"$work/want.jsonl") lines"

# A FIFO with a reader gets every record and stays a FIFO.
mkfifo "$work/fifo"
cat "$work/fifo" >"$work/from-fifo" &
reader=$!
"$bin" align --captions "$work/captions.jsonl" -o "$work/fifo" 2>/dev/null
wait "$reader"
[ -p "$work/fifo" ] || fail "the FIFO was replaced"
cmp -s "$work/from-fifo" "$work/want.jsonl" || fail "the FIFO's reader got other bytes"

# Process substitution (/dev/fd/N), for records and for rejects.
"$bin" align --captions "$work/captions.jsonl" -o >(gzip -n >"$work/out.gz") --rejects >(cat >"$work/rejects.jsonl") 2>/dev/null
sleep 0.5; wait 2>/dev/null || true
for _ in 1 2 3 4 5 6 7 8 9 10; do gzip -t "$work/out.gz" 2>/dev/null && break; sleep 0.3; done
cmp -s <(gzip -dc "$work/out.gz") "$work/want.jsonl" || fail "-o >(gzip ...) lost or changed records"
cmp -s "$work/rejects.jsonl" "$work/want.rejects" || fail "--rejects >(...) differs"

# /dev/null stays the character device it was; /dev/stdout writes into this script's pipe.
"$bin" align --captions "$work/captions.jsonl" -o /dev/null 2>/dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a character device"
"$bin" align --captions "$work/captions.jsonl" -o /dev/stdout 2>/dev/null | cmp -s - "$work/want.jsonl" || fail "-o /dev/stdout"
[ -L /dev/stdout ] || [ -c /dev/stdout ] || fail "/dev/stdout was replaced"

# A full device: a message naming the write error, exit 3, and /dev/full untouched.
status=0
"$bin" align --captions "$work/captions.jsonl" -o /dev/full 2>"$work/full.err" || status=$?
[ "$status" -eq 3 ] || fail "-o /dev/full exited $status, want 3"
grep -q "io.write" "$work/full.err" || fail "no io.write message for /dev/full: $(cat "$work/full.err")"
[ -c /dev/full ] || fail "/dev/full was replaced"
status=0
"$bin" align --captions "$work/captions.jsonl" >/dev/full 2>"$work/full-stdout.err" || status=$?
[ "$status" -eq 3 ] || fail "stdout on /dev/full exited $status, want 3"

# A closed stdout: exit 3 with a message, never a silent success.
status=0
"$bin" align --captions "$work/captions.jsonl" >&- 2>"$work/closed.err" || status=$?
[ "$status" -eq 3 ] || fail "a closed stdout exited $status, want 3"
grep -q "io.write" "$work/closed.err" || fail "no io.write message for a closed stdout"

# | head -1: one line, nothing on stderr, the conventional 141, no temporary left behind.
set +o pipefail
"$bin" align --captions "$work/captions.jsonl" --rejects "$work/head.rejects" 2>"$work/head.err" | head -1 >"$work/head.out"
statuses=("${PIPESTATUS[@]}")
set -o pipefail
[ "$(wc -l <"$work/head.out")" -eq 1 ] || fail "head -1 got $(wc -l <"$work/head.out") lines"
[ ! -s "$work/head.err" ] || fail "| head -1 printed: $(cat "$work/head.err")"
[ "${statuses[0]}" -eq 141 ] || fail "| head -1: pubforge exited ${statuses[0]}, want 141"
[ ! -e "$work/head.rejects" ] || fail "an interrupted run committed its rejects file"
! ls "$work" | grep -q '\.tmp-' || fail "temporaries left: $(ls "$work")"
echo "outputs_unix: ok"
