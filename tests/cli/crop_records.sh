#!/usr/bin/env bash
# CLI golden: `pubforge crop` reads records from stdin, stores one crop per panel and is identical for -j 1 and -j 2.
set -euo pipefail
pubforge=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
image=$source_dir/tests/fixtures/image/three_panels.png

# A store holding the figure the way parse leaves it: STORE/ab/cd/<sha256>.png.
sha=$(sha256sum "$image" | cut -d' ' -f1)
mkdir -p "$work/store/${sha:0:2}/${sha:2:2}"
cp "$image" "$work/store/${sha:0:2}/${sha:2:2}/$sha.png"
bytes=$(wc -c < "$image")
python3 - "$sha" "$bytes" > "$work/records.jsonl" <<'PY'
import json, sys
sha, size = sys.argv[1], int(sys.argv[2])
image = {"sha256": sha, "format": "png", "width": 500, "height": 160, "bytes": size}
figure = {"id": "fig1", "caption": {"text": "Three panels.", "list_items": [{"label": "a"}, {"label": "b"}, {"label": "c"}]},
          "graphics": [{"href": "three_panels", "image": image}]}
broken = dict(image, sha256="0" * 64)
print(json.dumps({"id": "PMC1", "source": {"path": "one.xml"}, "figures": [figure]}))
print(json.dumps({"id": "PMC2", "source": {"path": "two.xml"},
                  "figures": [{"id": "f1", "caption": {"text": "x"}, "graphics": [{"href": "gone", "image": broken}]}]}))
PY
"$pubforge" -q crop --store "$work/store" -o "$work/one.jsonl" < "$work/records.jsonl"
"$pubforge" -q crop - --store "$work/store" -j 2 -o "$work/two.jsonl" < "$work/records.jsonl"
cmp "$work/one.jsonl" "$work/two.jsonl" || { echo "-j 1 and -j 2 differ"; exit 1; }
python3 - "$work/one.jsonl" "$work/store" <<'PY'
import json, os, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
assert len(rows) == 2, rows
figure = rows[0]["figures"][0]
assert figure["compound"] is True, figure
subs = figure["subfigures"]
assert [s["id"] for s in subs] == ["fig1-p1", "fig1-p2", "fig1-p3"], subs
assert [s["label"] for s in subs] == ["a", "b", "c"], subs
for s in subs:
    image = s["image"]
    path = os.path.join(sys.argv[2], image["sha256"][:2], image["sha256"][2:4], image["sha256"] + ".png")
    assert os.path.exists(path), path
    x0, y0, x1, y1 = s["box"]
    assert (image["width"], image["height"]) == (x1 - x0, y1 - y0), s
assert rows[0]["stages"]["crop"], rows[0]
other = rows[1]["figures"][0]
assert other["warnings"][0]["code"] == "store.missing", other
assert other["subfigures"] == [] and other["compound"] is False, other
PY
echo "crop_records: ok"
