#!/usr/bin/env bash
# pubforge align --captions: caption lines to subcaptions, compared with the expected output; a bad line is rejected, not fatal.
set -euo pipefail
pubforge=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$pubforge" align --captions "$src/tests/fixtures/text/captions.jsonl" -o "$work/out.jsonl"
cmp "$work/out.jsonl" "$src/tests/fixtures/text/captions.expected.jsonl"
# Same output on several threads.
"$pubforge" align --captions "$src/tests/fixtures/text/captions.jsonl" -j 2 | cmp - "$src/tests/fixtures/text/captions.expected.jsonl"
# A line without a caption goes to the rejects file; --strict turns it into exit code 1.
printf '{"key": "x", "caption": "(A) one. (B) two."}\n{"key": "y"}\nnot json\n' > "$work/bad.jsonl"
status=0
"$pubforge" align --captions "$work/bad.jsonl" --rejects "$work/rejects.jsonl" --strict > "$work/bad.out" 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "expected exit 1, got $status"; exit 1; }
[ "$(wc -l < "$work/bad.out")" -eq 1 ]
grep -q '"caption.invalid"' "$work/rejects.jsonl"
grep -q '"jsonl.malformed"' "$work/rejects.jsonl"
