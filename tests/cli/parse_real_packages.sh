#!/usr/bin/env bash
# Scenario over the real PMC-OA packages in ../shared/corpus/real/pmc-oa: the full-size image of each graphic is stored and exported, the thumbnail recorded.
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
real=$src/../shared/corpus/real/pmc-oa
if [ ! -d "$real" ]; then
  echo "SKIP parse_real_packages: $real is absent (the real corpus is not in this checkout)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Two packages, as a user gives them: parse, then the whole run with its pairs export.
"$bin" parse "$real/PMC7112410.tar.gz" "$real/PMC7135076.tar.gz" --store "$work/store" -o "$work/articles.jsonl" 2>"$work/log"
"$bin" run "$real/PMC7112410.tar.gz" "$real/PMC7135076.tar.gz" -o "$work/run" 2>"$work/run.log"

/usr/bin/python3 - "$work/articles.jsonl" "$real/expected.json" "$work/run/exports/pairs" <<'PY'
import json, os, sys, glob, struct
records = {os.path.basename(r["source"]["path"]): r for r in map(json.loads, open(sys.argv[1]))}
expected = json.load(open(sys.argv[2]))
lines = []
for package in ("PMC7112410.tar.gz", "PMC7135076.tar.gz"):
    want = {f["href"]: f for f in expected[package]["figures"]}
    for figure in records[package]["figures"]:
        for g in figure["graphics"]:
            w = want[g["href"]]
            got = (os.path.basename(g["member"]), g["image"]["format"], g["image"]["width"], g["image"]["height"],
                   sorted(os.path.basename(a["member"]) for a in g.get("alternates", [])))
            if got != (w["full_image"], "jpeg", w["width"], w["height"], sorted(w["alternates"])):
                sys.exit(f"{package} {g['href']}: got {got}, want {w}")
            for a in g["alternates"]:
                if a["format"] != "gif" or max(a["width"], a["height"]) > 200:
                    sys.exit(f"{package} {g['href']}: alternate {a} is not the ~100 px GIF thumbnail")
            lines.append(f"{package} {g['href']} {got[0]} {got[2]}x{got[3]}")
if len(lines) != 5:
    sys.exit(f"{len(lines)} graphics, want 5")

# Every exported pair is a full-size JPEG (a 100 px thumbnail is the bug this guards against).
def jpeg_size(data):
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            return struct.unpack(">HH", data[i + 5:i + 9])[::-1]
        i += 2 + length
sizes = []
for shard in sorted(glob.glob(os.path.join(sys.argv[3], "**", "*.tar"), recursive=True)):
    import tarfile
    with tarfile.open(shard) as tar:
        for member in tar.getmembers():
            if member.name.endswith(".jpg"):
                sizes.append(jpeg_size(tar.extractfile(member).read()))
            elif member.name.rsplit(".", 1)[-1] in ("gif", "tif", "png"):
                sys.exit(f"pair image {member.name} is not the JPEG figure")
if not sizes or min(min(s) for s in sizes) < 500:
    sys.exit(f"exported pair sizes {sizes}: want full-size figures")
print("\n".join(lines))
PY
echo "parse_real_packages: ok"
