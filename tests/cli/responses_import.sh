#!/usr/bin/env bash
# The LLM round trip: export requests, answer them (simulated, shuffled, some bad), responses import, export llava from the answers.
set -euo pipefail
pubforge=$1; src=$2
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
"$py" "$src/tests/fixtures/export/make_dataset.py" 5 store > records.jsonl
"$pubforge" -q archive load a.sqlite records.jsonl
"$pubforge" -q export requests --db a.sqlite --store store -o req --model gpt-4o --tasks ift,mcq,ddx

# A fake batch run: answers for every request, returned in reverse order, plus the failure modes.
"$py" - <<'PY'
import glob, json
requests = [json.loads(l) for f in sorted(glob.glob("req/*/requests-*.jsonl")) for l in open(f)]
answers = {
    "ift": [{"question": "Which plane is shown?", "answer": "An axial plane through the lesion."}],
    "mcq": {"question_stem": "Which sequence is shown?", "answer_choices": ["A. T1", "B. T2", "C. FLAIR", "D. DWI"],
            "correct_answer": "B", "discussion": "Fluid is bright."},
    "ddx": {"one-liner": "Adult with a solitary lesion.", "ddx": ["Glioma", "Metastasis", "Abscess", "Lymphoma", "Demyelination"]},
}
def line(custom_id, content, status=200):
    return {"id": "r-" + custom_id, "custom_id": custom_id, "error": None,
            "response": {"status_code": status, "request_id": "x", "body": {"model": "gpt-4o-2024-08-06",
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}}}
out = [line(r["custom_id"], "```json\n" + json.dumps(answers[r["custom_id"].split("-")[0]]) + "\n```") for r in requests]
out.reverse()
out.append(line("mcq-PMC2000000_fig1", json.dumps(answers["mcq"])))                       # duplicate
out.append(line("ift-PMC9_fig1", json.dumps(answers["ift"])))                             # unknown figure
out.append(line("ddx-PMC2000001_fig1", json.dumps({"one-liner": "x", "ddx": ["a", "b"]})))  # seen: the first answer stays
out.append(line("vqa-PMC2000001_fig1", "[]"))                                            # empty list
out.append(line("vqa-PMC2000002_fig1", json.dumps([{"question": "What is shown?", "answer": "I cannot see the image."}])))
out.append(line("vqa-PMC2000003_fig1", "", 429))
with open("results.jsonl", "w") as f:
    for l in out:
        f.write(json.dumps(l) + "\n")
PY
"$pubforge" responses import --db a.sqlite results.jsonl --rejects rejects.jsonl 2> import.log
grep -q "36 lines" import.log
grep -q "30 stored (ddx 10, ift 10, mcq 10)" import.log
"$py" - <<'PY'
import collections, json
codes = collections.Counter(json.loads(l)["code"] for l in open("rejects.jsonl"))
assert codes == {"response.duplicate": 2, "response.unknown-id": 1, "response.shape": 1, "response.no-image": 1,
                 "response.http-error": 1}, codes
PY
# Importing again replaces by custom_id: the archive still holds 30 responses.
"$pubforge" -q responses import --db a.sqlite results.jsonl
test "$("$py" -c 'import sqlite3; print(sqlite3.connect("a.sqlite").execute("SELECT count(*) FROM responses").fetchone()[0])')" = 30
"$pubforge" responses import --db a.sqlite results.jsonl --strict 2>/dev/null && exit 1 || test $? -eq 1

# The answers become LLaVA conversations.
"$pubforge" -q export llava --db a.sqlite --store store -o llava --from responses --tasks mcq,ddx,ift
"$py" - <<'PY'
import json
samples = json.load(open("llava/train.json"))
by_task = {}
for s in samples:
    by_task.setdefault(s["id"].rsplit("-", 1)[1], []).append(s)
assert {k: len(v) for k, v in by_task.items()} == {"mcq": 10, "ddx": 10, "ift": 10}, by_task.keys()
mcq = by_task["mcq"][0]["conversations"]
assert mcq[0]["value"].startswith("<image>\nWhich sequence is shown?\n\nA. T1\nB. T2")
assert mcq[1]["value"] == "Fluid is bright.\n\nAnswer: B"
ddx = by_task["ddx"][0]["conversations"][1]["value"].split("\n")
assert ddx[0] == "1. Glioma" and ddx[4] == "5. Demyelination"
PY
echo ok
