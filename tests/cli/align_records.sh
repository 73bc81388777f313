#!/usr/bin/env bash
# pubforge align on article records: subcaptions, links, domains, and PDF mentions kept as the parse wrote them; output valid against the schema.
set -euo pipefail
pubforge=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$pubforge" align - -o "$work/out.jsonl" < "$src/tests/fixtures/text/article.jsonl"
python3 - "$work/out.jsonl" "$src/data/schemas/article.schema.json" <<'PY'
import json, sys
record = json.loads(open(sys.argv[1]).readline())
try:
    import jsonschema
    jsonschema.validate(record, json.load(open(sys.argv[2])))
except ImportError:
    pass
f = record["figures"][0]
assert f["shared_caption"] == "Imaging of the prostate.", f["shared_caption"]
assert [s["label"] for s in f["subcaptions"]] == ["A", "B"]
assert [(l["subfigure"], l["label"], l["method"]) for l in f["links"]] == [
    ("F1-p1", "A", "printed-label"), ("F1-p2", "B", "reading-order")], f["links"]
assert f["unlinked"] == {"subfigures": [], "labels": []}
assert [m["panels"] for m in f["mentions"]] == [["A"], ["B"]], f["mentions"]
assert f["mentions"][1]["sentence"] == "Histology confirmed carcinoma (Figure 1B)."
tags = {d["tag"] for d in f["domains"]}
assert {"mri", "histology"} <= tags, tags
assert f["subfigures"][0]["domains"][0]["tag"] == "mri"
assert record["stages"]["align"]
PY
# Running align twice changes nothing but the stage mark.
"$pubforge" align "$work/out.jsonl" -o "$work/twice.jsonl"
cmp "$work/out.jsonl" "$work/twice.jsonl"
