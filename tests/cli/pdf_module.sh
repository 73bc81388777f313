#!/usr/bin/env bash
# The PDF reader module (pubforge-pdf.so, docs/architecture.md "Start-up"): loaded by the first PDF and by nothing
# else; a binary without it parses JATS as before and stops on the first PDF with pdf.reader-missing (exit 3).
set -euo pipefail
pubforge=$(realpath "$1") source_dir=$(realpath "$2")
work=$(mktemp -d /tmp/pubforge-cli-pdf-module-XXXXXX)
trap 'rm -rf "$work"' EXIT
pdf="$source_dir/tests/fixtures/pdf/golden-figures.pdf"
xml="$source_dir/tests/fixtures/jats/figures.nxml"

# What the dynamic loader opened (its own log, LD_DEBUG=files), for one call.
loaded() { LD_DEBUG=files LD_DEBUG_OUTPUT="$work/ld" "$@" > /dev/null 2>&1 || true; cat "$work"/ld.* | grep -o 'file=[^ ]*' | sort -u; rm -f "$work"/ld.*; }

for call in "--version" "parse $xml --store $work/store -o $work/jats.jsonl"; do
  # shellcheck disable=SC2086
  if loaded "$pubforge" $call | grep -E 'pubforge-pdf\.so|libpodofo|libcrypto'; then
    echo "FAIL: 'pubforge $call' loads the PDF reader or its libraries" >&2
    exit 1
  fi
done
loaded "$pubforge" parse "$pdf" --store "$work/store" -o "$work/pdf.jsonl" | grep -q 'pubforge-pdf\.so' ||
  { echo "FAIL: parsing a PDF did not load pubforge-pdf.so" >&2; exit 1; }
[ "$(grep -c '"kind":"pdf"' "$work/pdf.jsonl")" = 1 ] || { echo "FAIL: the PDF gave no record" >&2; exit 1; }

# The same binary alone in a folder: JATS still parses, and a PDF says what is missing.
mkdir "$work/alone"
cp "$pubforge" "$work/alone/pubforge"
"$work/alone/pubforge" -q parse "$xml" --store "$work/store" -o "$work/alone.jsonl"
cmp -s "$work/jats.jsonl" "$work/alone.jsonl" || { echo "FAIL: JATS parsed differently without the module" >&2; exit 1; }
status=0
"$work/alone/pubforge" -q parse "$xml" "$pdf" --store "$work/store" -o "$work/mixed.jsonl" 2> "$work/err" || status=$?
[ "$status" = 3 ] || { echo "FAIL: a PDF without the module exits $status, not 3" >&2; cat "$work/err" >&2; exit 1; }
grep -q 'pdf.reader-missing' "$work/err" && grep -q 'pubforge-pdf.so' "$work/err" ||
  { echo "FAIL: the error does not name pdf.reader-missing and the module:" >&2; cat "$work/err" >&2; exit 1; }

# A module of another build is refused, not called.
printf 'pubforge-pdf.so is a module, not this text\n' > "$work/alone/pubforge-pdf.so"
status=0
"$work/alone/pubforge" -q parse "$pdf" --store "$work/store" -o "$work/bad.jsonl" 2> "$work/err" || status=$?
[ "$status" = 3 ] && grep -q 'pdf.reader-missing' "$work/err" ||
  { echo "FAIL: a broken module gave exit $status:" >&2; cat "$work/err" >&2; exit 1; }
echo "pdf module: loaded by PDFs only; missing or broken, a clear fatal error"
