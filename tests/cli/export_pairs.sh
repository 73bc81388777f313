#!/usr/bin/env bash
# export pairs / subfigures from an archive: WebDataset shards read by Python's tarfile, TSV/imagefolder/BLIP shapes, byte-identical reruns.
set -euo pipefail
pubforge=$1; src=$2
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
"$py" "$src/tests/fixtures/export/make_dataset.py" 30 store > records.jsonl
"$pubforge" -q archive load a.sqlite records.jsonl

common=(--db a.sqlite --store store --split train=0.8,val=0.1,test=0.1 --seed 314 --layout webdataset,tsv,imagefolder,blip --shard-size 7)
"$pubforge" export pairs "${common[@]}" -o pairs 2> pairs.log
grep -q "pairs: 60 items" pairs.log
"$pubforge" -q export pairs "${common[@]}" -o again -j 2
diff -r pairs again   # same archive + same options => byte-identical folder, whatever -j

# The consumers' rules, checked with Python's own readers.
"$py" - pairs <<'PY'
import csv, hashlib, io, json, os, re, sys, tarfile
root = sys.argv[1]
manifest = json.load(open(os.path.join(root, "manifest.json")))
key = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
total = 0
for split, count in manifest["counts"]["splits"].items():
    sizes = json.load(open(os.path.join(root, split, "sizes.json")))
    seen = []
    for shard in sorted(sizes):
        with tarfile.open(os.path.join(root, split, shard)) as tar:
            members = tar.getmembers()
            assert len(members) == 3 * sizes[shard], shard
            for m in members:
                assert m.mtime == 0 and m.uid == 0 and m.gid == 0 and m.mode == 0o644 and m.isfile(), m.name
            stems = [m.name.split(".", 1)[0] for m in members]
            for i in range(0, len(stems), 3):   # a sample's members are adjacent and share the key
                assert stems[i] == stems[i + 1] == stems[i + 2] and key.match(stems[i]), stems[i:i + 3]
                assert sorted(m.name.split(".", 1)[1] for m in members[i:i + 3]) == ["json", "png", "txt"]
                meta = json.loads(tar.extractfile(members[i + 1]).read())
                assert meta["key"] == stems[i] and meta["split"] == split and "text" not in meta
                assert tar.extractfile(members[i + 2]).read().decode() == meta["caption"]
            seen += stems[::3]
    assert len(seen) == count == len(set(seen)), split
    rows = list(csv.DictReader(open(os.path.join(root, split + ".tsv"), newline=""), delimiter="\t"))
    assert len(rows) == count and all(os.path.exists(os.path.join(root, r["filepath"])) for r in rows)
    assert all("\t" not in r["title"] and "\n" not in r["title"] for r in rows)
    assert any('"treatment"' in r["title"] for r in rows)   # quotes survive the TSV round trip
    meta = [json.loads(l) for l in open(os.path.join(root, split, "metadata.jsonl"))]
    assert [m["file_name"] for m in meta] == [os.path.basename(r["filepath"]) for r in rows]
    assert len({tuple(sorted(m)) for m in meta}) == 1   # one schema for every row
    blip = json.load(open(os.path.join(root, split + ".json")))
    assert [b["image"] for b in blip] == [r["filepath"] for r in rows]
    total += count
assert total == manifest["counts"]["items"] == 60
listed = {f["path"]: f for f in manifest["files"]}
on_disk = {os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs} - {"manifest.json"}
assert set(listed) == on_disk
for path, f in listed.items():
    data = open(os.path.join(root, path), "rb").read()
    assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["bytes"], path
PY

# Subfigures: panels with subcaptions only by default, every panel with --unaligned full-caption.
"$pubforge" export subfigures --db a.sqlite --store store -o panels --layout tsv 2> panels.log
grep -q "subfigures: 60 items" panels.log
grep -q "panel-unaligned: 60" panels.log
"$pubforge" -q export subfigures --db a.sqlite --store store -o all --layout webdataset --unaligned full-caption
"$py" -c "import json,sys; m=json.load(open('all/manifest.json')); assert m['counts']['items']==120, m['counts']"

# Re-encoding: --max-side and --format give smaller JPEGs.
"$pubforge" -q export pairs --db a.sqlite --store store -o small --layout imagefolder --max-side 32 --format jpg --quality 80
"$py" - small <<'PY'
import json, os, sys
meta = [json.loads(l) for l in open(os.path.join(sys.argv[1], "train", "metadata.jsonl"))]
assert meta and all(m["file_name"].endswith(".jpg") and max(m["width"], m["height"]) <= 32 for m in meta)
for m in meta:
    assert open(os.path.join(sys.argv[1], "train", m["file_name"]), "rb").read(3) == b"\xff\xd8\xff"
PY

# Filters: license class, year range, full-text query, domain.
"$pubforge" export pairs --db a.sqlite --store store -o nc --license noncommercial --year-min 2012 --year-max 2015 2> nc.log
grep -q "license-class: 30" nc.log
"$pubforge" export pairs --db a.sqlite --store store -o query --query cerebral 2> query.log
grep -q "pairs: 20 items" query.log   # cases 0, 3, ..., 27 say "cerebral"
"$pubforge" export pairs --db a.sqlite --store store -o bad --query '"unbalanced' 2>/dev/null && exit 1 || test $? -eq 2

# A folder holding other files is never written into; a previous export is replaced with --overwrite.
mkdir mine && echo keep > mine/notes.txt
if "$pubforge" -q export pairs --db a.sqlite --store store -o mine --overwrite 2>/dev/null; then exit 1; fi
test -f mine/notes.txt
if "$pubforge" -q export pairs --db a.sqlite --store store -o pairs 2>/dev/null; then exit 1; fi
"$pubforge" -q export pairs --db a.sqlite --store store -o pairs --overwrite
echo ok
