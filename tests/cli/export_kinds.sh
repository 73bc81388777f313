#!/usr/bin/env bash
# export text / mentions / llava / requests from an archive: record shapes, <image> placement, batch lines, split stability as the archive grows.
set -euo pipefail
pubforge=$1; src=$2
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
"$py" "$src/tests/fixtures/export/make_dataset.py" 20 store > first.jsonl
"$py" "$src/tests/fixtures/export/make_dataset.py" 20 store 20 > more.jsonl
"$pubforge" -q archive load small.sqlite first.jsonl
"$pubforge" -q archive load large.sqlite first.jsonl
"$pubforge" -q archive load large.sqlite more.jsonl
split=(--split train=0.6,val=0.2,test=0.2 --seed 7)

# text: one article per line, word totals in the manifest.
"$pubforge" export text --db large.sqlite -o text --captions --plain-text "${split[@]}" 2> text.log
grep -q "text: 40 articles" text.log
"$py" - text <<'PY'
import json, os, sys
root = sys.argv[1]
manifest = json.load(open(os.path.join(root, "manifest.json")))
words = 0
for split in manifest["counts"]["splits"]:
    for line in open(os.path.join(root, split + ".jsonl")):
        a = json.loads(line)
        assert {"id", "title", "abstract", "sections", "text", "license", "year", "journal", "word_count"} <= set(a)
        assert a["word_count"] == len(a["text"].split()) and "Figure 1. (A) Axial MRI" in a["text"]
        assert open(os.path.join(root, split, "text", a["id"] + ".txt")).read() == a["text"] + "\n"
        words += a["word_count"]
assert words == manifest["counts"]["words"] > 0
PY

# mentions: LLaVA-Med shape; splits of the first 20 articles do not move when 20 more are added.
"$pubforge" -q export mentions --db small.sqlite --store store -o m-small "${split[@]}"
"$pubforge" -q export mentions --db large.sqlite --store store -o m-large "${split[@]}" --json
"$py" - m-small m-large <<'PY'
import json, os, sys
def read(root, array):
    out = {}
    for split in ("train", "val", "test"):
        path = os.path.join(root, split + (".json" if array else ".jsonl"))
        if os.path.exists(path):
            rows = json.load(open(path)) if array else [json.loads(l) for l in open(path)]
            for r in rows:
                out[r["pair_id"]] = (split, r)
    return out
small, large = read(sys.argv[1], False), read(sys.argv[2], True)
assert len(small) == 40 and len(large) == 80
for pair, (split, r) in small.items():
    assert large[pair][0] == split, pair
    assert set(r["domain"]) == {"chest_xray", "mri", "ct_scan", "histology", "gross"}
    assert r["in_text_mention"][0]["tokens"].startswith("The lesion is shown")
    assert r["pmcid"] == r["paper"]["article_id"] and os.path.exists(os.path.join(sys.argv[1], "images", r["image"]))
articles = {}
for pair, (split, _) in large.items():
    articles.setdefault(pair.split("_")[0], set()).add(split)
assert all(len(s) == 1 for s in articles.values())   # by article, never by figure
assert len({s for v in articles.values() for s in v}) == 3
PY

# llava: <image> opens the first human turn and appears once, in both styles.
for style in llava chat; do
  "$pubforge" -q export llava --db large.sqlite --store store -o "llava-$style" --style "$style"
done
"$py" - <<'PY'
import json
for style, turns_key, who, text in (("llava", "conversations", "from", "value"), ("chat", "messages", "role", "content")):
    samples = json.load(open("llava-%s/train.json" % style))
    assert len(samples) == 80
    for s in samples:
        turns = s[turns_key]
        assert turns[0][who] in ("human", "user") and turns[0][text].startswith("<image>\n")
        assert sum(t[text].count("<image>") for t in turns) == 1
        assert [t[who] for t in turns] == (["human", "gpt"] if style == "llava" else ["user", "assistant"]) * (len(turns) // 2)
PY

# requests: OpenAI Batch lines with patterned custom_ids, images by data URL or by file reference.
"$pubforge" -q export requests --db large.sqlite --store store -o req --model gpt-4o-mini --tasks ift,mcq,abstract --requests-per-file 50
"$pubforge" -q export requests --db large.sqlite --store store -o req-files --model Qwen2-VL-7B --tasks ddx --image file --image-base file:///data/req-files/images/
"$py" - <<'PY'
import glob, json, os, re
pattern = re.compile(r"^(ift|mcq|ddx|vqa|abstract)-[A-Za-z0-9_-]{1,64}$")
ids = set()
for task, expected in (("ift", 80), ("mcq", 80), ("abstract", 40)):
    files = sorted(glob.glob("req/%s/requests-*.jsonl" % task))
    lines = [json.loads(l) for f in files for l in open(f)]
    assert len(lines) == expected and all(sum(1 for _ in open(f)) <= 50 for f in files), task
    for l in lines:
        assert set(l) == {"custom_id", "method", "url", "body"} and l["method"] == "POST" and l["url"] == "/v1/chat/completions"
        assert pattern.match(l["custom_id"]) and l["custom_id"] not in ids
        ids.add(l["custom_id"])
        user = l["body"]["messages"][-1]
        assert user["role"] == "user" and user["content"][0]["type"] == "text"
        assert all(c["image_url"]["url"].startswith("data:image/png;base64,") for c in user["content"][1:])
manifest = json.load(open("req/manifest.json"))
assert manifest["options"]["requests"]["model"] == "gpt-4o-mini" and set(manifest["counts"]["prompts"]) == {"ift", "mcq", "abstract"}
for l in (json.loads(x) for x in open("req-files/ddx/requests-000000.jsonl")):
    url = l["body"]["messages"][-1]["content"][1]["image_url"]["url"]
    assert url.startswith("file:///data/req-files/images/") and os.path.exists("req-files/images/" + url.rsplit("/", 1)[1])
PY
"$pubforge" export requests --db large.sqlite --store store -o nomodel 2>/dev/null && exit 1 || test $? -eq 2
echo ok
