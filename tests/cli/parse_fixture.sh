#!/usr/bin/env bash
# Golden test of `pubforge parse` on the JATS fixtures: selected fields, stored images, and byte-identical output for any -j.
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures=$src/tests/fixtures/jats

# A loose article next to its images: one href without extension, one .jpg holding PNG bytes.
mkdir -p "$work/article"
cp "$src/data/samples/cortex-mri/cortex-mri.nxml" "$work/article/"
cp "$src/data/samples/cortex-mri/fig1.jpg" "$work/article/fig1.jpg"
cp "$src/data/samples/cortex-mri/fig2.png" "$work/article/fig2.jpg"

"$bin" parse "$fixtures/metadata.nxml" "$fixtures/text.nxml" "$fixtures/figures.nxml" "$work/article" \
  --store "$work/store" -o "$work/j1.jsonl" -j 1 2>"$work/log1"
"$bin" parse "$work/article" "$fixtures/figures.nxml" "$fixtures/text.nxml" "$fixtures/metadata.nxml" \
  --store "$work/store" -o "$work/j2.jsonl" -j 2 2>"$work/log2"
cmp "$work/j1.jsonl" "$work/j2.jsonl" || { echo "output depends on -j or argument order" >&2; exit 1; }

/usr/bin/python3 - "$work/j1.jsonl" "$work/store" <<'PY'
import json, os, sys
records = {os.path.basename(r["source"]["path"]): r for r in map(json.loads, open(sys.argv[1]))}
store = sys.argv[2]
def check(got, want, what):
    if got != want:
        sys.exit(f"{what}: got {got!r}, want {want!r}")
meta = records["metadata.nxml"]
check(meta["id"], "PMC7000002", "metadata id")
check(meta["license"], {"class": "noncommercial", "code": "CC-BY-NC-ND-3.0",
                        "text": "Distributed under the Creative Commons Attribution-NonCommercial-NoDerivs 3.0 licence.",
                        "url": "https://creativecommons.org/licenses/by-nc-nd/3.0/"}, "licence")
check([a["name"] for a in meta["authors"]], ["Aiko Nakamura", "Li Wei", "The Fixture Consortium"], "authors")
check(meta["references"][0]["ids"], {"doi": "10.5555/ref.one", "pmid": "30000001"}, "reference ids")
text = records["text.nxml"]
check(text["title"], "Growth of E. coli in H2O at 37\u00b0C", "title spacing")
check(text["sections"][1]["paragraphs"][1]["text"], "The rate was x^2+a/b per hour and \\alpha was fixed.", "math")
figs = records["figures.nxml"]
check([f["id"] for f in figs["figures"]], ["f5", "f1", "f2a", "f2b", "f4", "f3"], "figure order")
check(figs["figures"][1]["mentions"][0]["panels"], ["B", "C", "D"], "panels of Figure 1B-D")
check([f["id"] for f in figs["sub_articles"][0]["figures"]], ["f1-pt"], "sub-article figures")
mri = records["cortex-mri.nxml"]
g = mri["figures"][1]["graphics"][0]
check((g["href"], g["member"], g["image"]["format"]), ("fig2", "fig2.jpg", "png"), "extensionless href, PNG in .jpg")
path = os.path.join(store, g["image"]["sha256"][:2], g["image"]["sha256"][2:4], g["image"]["sha256"] + ".png")
check(os.path.isfile(path), True, "stored image " + path)
check(mri["figures"][0]["mentions"][2]["panels"], ["B", "C", "D"], "Figures 1B-D")
PY
echo "parse_fixture: ok"
