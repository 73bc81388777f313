#!/usr/bin/env bash
# Real PMC-OA packages ($CORPUS/real/pmc-oa): every figure has an image, and it is the full-size member, never the thumbnail.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
real="$CORPUS/real/pmc-oa"
[ -d "$real" ] || { echo "  SKIP: $real is absent"; exit 0; }
out="$WORK/real-packages"
mkdir -p "$out"
ls "$real"/*.tar.gz "$real"/truncated/*.tar.gz | sort >"$out/inputs.txt"
"$PUBFORGE" parse "@$out/inputs.txt" --store "$out/store" -o "$out/articles.jsonl" --rejects "$out/rejects.jsonl" 2>"$out/parse.log" || true
"$PYTHON" - "$out/articles.jsonl" "$out/rejects.jsonl" "$real/expected.json" >"$out/scores.txt" <<'PY'
import json, os, sys
articles, rejects, expected = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
seen = {}
for line in open(articles):
    record = json.loads(line)
    seen[os.path.basename(record["source"]["path"])] = record
rejected = [json.loads(l) for l in open(rejects)] if os.path.exists(rejects) else []
full = total = thumbnails = without = 0
for package, entry in sorted(expected.items()):
    if entry.get("truncated"):
        # A download cut short is a reject with a specific code, never half an article.
        codes = [r["code"] for r in rejected if os.path.basename(r["input"]) == package]
        print(f"truncated package {package} rejected as {codes[0] if codes else 'NOT REJECTED'}")
        continue
    record = seen.get(package, {})
    graphics = {}
    for figure in record.get("figures") or []:
        for graphic in figure.get("graphics") or []:
            graphics.setdefault(graphic["href"], []).append(graphic)
    for want in entry["figures"]:
        total += 1
        got = graphics.get(want["href"], [{}]).pop(0) if graphics.get(want["href"]) else {}
        image = got.get("image") or {}
        without += not image
        member = os.path.basename(got.get("member", ""))
        ok = member == want["full_image"] and (image.get("width"), image.get("height")) == (want["width"], want["height"])
        full += ok
        thumbnails += member in want["alternates"]
        alternates = sorted(os.path.basename(a["member"]) for a in got.get("alternates") or [])
        if not ok or alternates != sorted(want["alternates"]):
            print(f"  {package} {want['href']}: got {member} {image.get('width')}x{image.get('height')}, alternates {alternates}; "
                  f"want {want['full_image']} {want['width']}x{want['height']}, alternates {want['alternates']}")
print(f"pmc-oa graphics {total}")
print(f"pmc-oa full-size images {full}/{total}")
print(f"pmc-oa full-size share {full / max(total, 1):.3f}")
print(f"pmc-oa thumbnails stored {thumbnails}")
print(f"pmc-oa figures without image {without}")
print(f"pmc-oa no-thumbnail share {1 - thumbnails / max(total, 1):.3f}")
print(f"pmc-oa image share {1 - without / max(total, 1):.3f}")
PY
sed 's/^/  /' "$out/scores.txt"
"$PYTHON" "$here/floors.py" "$here/floors/real_packages.json" "$out/scores.txt"
! grep -q "NOT REJECTED" "$out/scores.txt"
