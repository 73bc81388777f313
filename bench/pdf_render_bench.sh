#!/usr/bin/env bash
# PDF figures rendered from the page: pages/s and figures/s of `pubforge parse` (with rendering) on the real PDFs,
# against poppler's pdftoppm -r 150 rendering the same figure regions alone, in the same run; prints the ratio.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${CORPUS:-$here/../../shared/corpus}
pubforge=$(realpath "$build/pubforge")
truth="$corpus/real/pdf-jats/truth.json"
[ -f "$truth" ] || { echo "pdf_render_bench: no real PDF set at $corpus/real/pdf-jats, skipped"; exit 0; }
command -v pdftoppm > /dev/null || { echo "pdf_render_bench: pdftoppm not installed (tools/install-deps.sh), skipped"; exit 0; }
work=$(mktemp -d /tmp/pubforge-render-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 -c 'import json,sys; [print(sys.argv[2] + "/" + d["file"]) for d in json.load(open(sys.argv[1]))["documents"]]' \
  "$truth" "$corpus" > "$work/inputs.txt"
pages=0
while read -r f; do pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'))); done < "$work/inputs.txt"
rounds=${ROUNDS:-2}

# CPU seconds (user + system, children included) and wall seconds of a command, summed over the rounds.
measure() {
  local cpu=0 wall=0
  for _ in $(seq "$rounds"); do
    rm -rf "$work/store"
    /usr/bin/time -f "%U %S %e" -o "$work/time" "$@" > /dev/null
    read -r user sys elapsed < "$work/time"
    cpu=$(echo "$cpu + $user + $sys" | bc -l); wall=$(echo "$wall + $elapsed" | bc -l)
  done
  echo "$cpu $wall"
}

read -r ours_cpu ours_wall < <(measure "$pubforge" -q parse "@$work/inputs.txt" --store "$work/store" -o "$work/out.jsonl" -j 1)

# The same regions, pages and DPI, rendered by pdftoppm alone (PNG to stdout, as pubforge asks for them).
python3 - "$work/out.jsonl" > "$work/render.sh" <<'PY'
import json, math, shlex, sys
for line in open(sys.argv[1]):
    record = json.loads(line)
    for figure in record["figures"]:
        image = figure.get("image")
        if not image:
            continue
        s = image["dpi"] / 72.0
        x0, y0, x1, y1 = image["box"]
        x, y = math.floor(max(0, x0) * s), math.floor(max(0, y0) * s)
        w, h = math.ceil(x1 * s) - x, math.ceil(y1 * s) - y
        print(f"pdftoppm -f {image['page']} -l {image['page']} -r {image['dpi']:g} -cropbox -x {x} -y {y} -W {w} -H {h} "
              f"-png -singlefile {shlex.quote(record['source']['path'])} > /dev/null 2>&1")
PY
figures=$(grep -c . "$work/render.sh" || true)
read -r base_cpu base_wall < <(measure bash "$work/render.sh")

awk -v p="$pages" -v f="$figures" -v n="$(wc -l < "$work/inputs.txt")" -v r="$rounds" \
    -v oc="$ours_cpu" -v ow="$ours_wall" -v bc="$base_cpu" -v bw="$base_wall" 'BEGIN {
  printf "pdf parse + render: %d PDFs, %d pages, %d rendered figures per round, %d rounds\n", n, p, f, r;
  printf "pubforge parse:      %.1f pages/s, %.1f figures/s (CPU %.2f s, wall %.2f s per round)\n", p*r/ow, f*r/ow, oc/r, ow/r;
  printf "pdftoppm -r 150 alone: %.1f pages/s, %.1f figures/s (CPU %.2f s, wall %.2f s per round)\n", p*r/bw, f*r/bw, bc/r, bw/r;
  printf "ratio (pubforge / renderer alone): CPU %.2f, wall %.2f (target <= 1.5)\n", oc/bc, ow/bw }'
