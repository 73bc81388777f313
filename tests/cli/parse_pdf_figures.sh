#!/usr/bin/env bash
# Golden scenario: `pubforge parse` on a generated PDF gives the known figures, boxes, rendered images, warnings and mentions; exports carry the rendered image; a missing renderer warns; a cut copy is rejected with a code.
set -euo pipefail
pubforge=$1
source_dir=$2
work=$(mktemp -d /tmp/pubforge-cli-pdf-XXXXXX)
trap 'rm -rf "$work"' EXIT
fixture="$source_dir/tests/fixtures/pdf/golden-figures.pdf"

"$pubforge" -q parse "$fixture" --store "$work/store" -o "$work/out.jsonl"
python3 - "$work/out.jsonl" "$work/store" <<'PY'
import json, os, sys
records = [json.loads(line) for line in open(sys.argv[1])]
assert len(records) == 1, records
r = records[0]
got = [(f["label"], f["page"], f["bbox"], f["caption"]["text"], [g["href"] for g in f["graphics"]],
        [w["code"] for w in f.get("warnings", [])], [(m["text"], m["panels"]) for m in f["mentions"]])
       for f in r["figures"]]
want = [("Figure 1", 1, [150.0, 130.0, 450.0, 280.0], "A red rectangle placed as a raster image.", ["page1-img1"], [],
         [("Figure 1", [])]),
        ("Fig. 2", 1, [150.0, 370.0, 450.0, 490.0], "A vector drawing with two panels (A) and (B).", [],
         [], [("Fig. 2B", ["B"]), ("Figure 2", [])])]
assert got == [tuple(w) for w in want], got
assert r["title"] == "Golden Figures in a Generated Article" and r["pages"] == 1 and r["source"]["kind"] == "pdf"
image = r["figures"][0]["graphics"][0]["image"]
assert (image["format"], image["width"], image["height"]) == ("png", 30, 15), image
path = os.path.join(sys.argv[2], image["sha256"][:2], image["sha256"][2:4], image["sha256"] + ".png")
assert os.path.getsize(path) == image["bytes"], path
# Each figure is also rendered from the page at 150 dpi: the raster one and the vector-only drawing alike.
for f in r["figures"]:
    im = f["image"]
    x0, y0, x1, y1 = f["bbox"]
    assert (im["dpi"], im["page"], im["box"], im["format"]) == (150, 1, f["bbox"], "png"), im
    assert abs(im["width"] - (x1 - x0) * 150 / 72) <= 2 and abs(im["height"] - (y1 - y0) * 150 / 72) <= 2, im
    assert os.path.exists(os.path.join(sys.argv[2], im["sha256"][:2], im["sha256"][2:4], im["sha256"] + ".png"))
PY

# Every exporter takes the rendered figure image: the pairs export holds exactly those bytes.
"$pubforge" -q archive load "$work/a.sqlite" "$work/out.jsonl"
"$pubforge" -q export pairs --db "$work/a.sqlite" --store "$work/store" -o "$work/pairs" --layout imagefolder
python3 - "$work/out.jsonl" "$work/pairs" <<'PY'
import hashlib, json, os, sys
rendered = {f["image"]["sha256"] for l in open(sys.argv[1]) for f in json.loads(l)["figures"]}
exported = set()
for root, _, files in os.walk(sys.argv[2]):
    for name in files:
        if name.endswith(".png") or name.endswith(".jpg"):
            exported.add(hashlib.sha256(open(os.path.join(root, name), "rb").read()).hexdigest())
assert exported == rendered, (exported, rendered)
PY

# Without the renderer: a warning on each figure and the embedded images, as before rendering existed.
"$pubforge" -q parse "$fixture" --store "$work/store" -o "$work/bare.jsonl" --pdf-renderer "$work/no-such-pdftoppm"
python3 - "$work/bare.jsonl" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).readline())
assert all("image" not in f for f in r["figures"]), r["figures"]
assert [[w["code"] for w in f["warnings"]] for f in r["figures"]] == [
    ["pdf.renderer-missing"], ["pdf.renderer-missing", "pdf.no-raster-image"]], r["figures"]
assert r["figures"][0]["graphics"][0]["image"]["width"] == 30
PY

# A truncated copy: rejected with a pdf.* code (or recovered with a warning), never a crash; --strict turns a reject into exit 1.
head -c 1500 "$fixture" > "$work/cut.pdf"
status=0
"$pubforge" -q parse "$work/cut.pdf" --store "$work/store" -o "$work/cut.jsonl" --rejects "$work/rejects.jsonl" --strict || status=$?
if [ -s "$work/rejects.jsonl" ]; then
  [ "$status" = 1 ] || { echo "expected exit 1 with --strict, got $status"; exit 1; }
  grep -q '"code":"pdf\.\(truncated\|malformed\)"' "$work/rejects.jsonl" || { cat "$work/rejects.jsonl"; exit 1; }
else
  [ "$status" = 0 ] && grep -q 'pdf.truncated-recovered' "$work/cut.jsonl" || { echo "no reject and no warning"; exit 1; }
fi
echo "parse_pdf_figures: ok"
