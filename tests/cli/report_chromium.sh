#!/usr/bin/env bash
# Headless Chromium opens the report from disk: the DOM it builds holds the plots and gallery entries, and its screenshot is not blank.
set -euo pipefail
pubforge=$1; src=$2
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "chromium is missing (tools/install-deps.sh installs it)" >&2; exit 1; }

"$pubforge" -q run "$src/data/samples" -o "$work/out" --export none
page="file://$work/out/report/index.html"
# A fresh profile per call, and nothing that would reach a network: the page must stand alone.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars --window-size=1280,1600)
timeout 120 "$chromium" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
  --screenshot="$work/shot.png" "$page" > "$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }
timeout 120 "$chromium" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
  --dump-dom "$page" > "$work/dom.html" 2> "$work/chromium-dom.log" || { cat "$work/chromium-dom.log" >&2; exit 1; }
"$py" "$src/tests/report/check_report.py" "$work/out/report" 2 --dom "$work/dom.html" --screenshot "$work/shot.png"
echo "chromium report ok"
