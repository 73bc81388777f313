#!/usr/bin/env bash
# The hostile-input suite: every fixture gets its expected reject code (tests/hostile/expected.tsv), the batch
# completes, nothing appears outside the output folder, and time and memory stay bounded.
# Usage: tests/hostile/run.sh PUBFORGE SOURCE_DIR
set -uo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
here="$src/tests/hostile"
root=$(mktemp -d /tmp/pubforge-hostile-XXXXXX)
trap 'rm -rf "$root"' EXIT
inputs="$root/inputs" out="$root/out"
mkdir -p "$inputs" "$out"
cp "$here"/*.xml "$inputs/"
python3 "$here/make_fixtures.py" "$inputs" || exit 1
# A path with a quote, a tab and a newline must survive into the record and the rejects as JSON.
weird="$inputs/quote\"and	tab
newline.xml"
cp "$src/data/samples/retina-oct/retina-oct.xml" "$weird"

before=$(cd "$root" && find . -path ./out -prune -o -print | sort)
# Bounded: a minute of wall time and 3 GiB of address space (sanitizer builds reserve more).
limit="ulimit -v 3145728;"
[ -n "${ASAN_OPTIONS:-}${PUBFORGE_SANITIZE:-}" ] && limit=""
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

bash -c "$limit exec timeout 60 \"\$0\" parse \"\$1\" --store \"\$2/store\" -o \"\$2/records.jsonl\" --rejects \"\$2/rejects.jsonl\" -j 2" \
  "$bin" "$inputs" "$out" 2> "$out/parse.log"
status=$?
[ $status -eq 0 ] || fail "parse exited $status (expected 0: rejects are within the default budget)"

# Expected codes per input, read from the records and rejects the batch wrote.
python3 - "$here/expected.tsv" "$out/records.jsonl" "$out/rejects.jsonl" "$weird" <<'PY' || failures=$((failures + 1))
import json, os, sys
expected = {}
for line in open(sys.argv[1]):
    if line.strip() and not line.startswith("#"):
        name, code = line.rstrip("\n").split("\t")
        expected[name] = code
records = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
rejects = [json.loads(l) for l in open(sys.argv[3]) if l.strip()]
got = {os.path.basename(r["source"]["path"]): "ok" for r in records}
got.update({os.path.basename(r["input"]): r["code"] for r in rejects})
bad = 0
for name, code in sorted(expected.items()):
    if got.get(name) != code:
        print(f"FAIL: {name}: expected {code}, got {got.get(name)}")
        bad += 1
    else:
        print(f"ok   {name}: {code}")
weird = sys.argv[4]
if not any(r["source"]["path"] == weird for r in records):
    print("FAIL: the record of the file named with a quote, tab and newline lost its path")
    bad += 1
for r in rejects:
    if not r.get("message"):
        print(f"FAIL: reject without a message: {r}")
        bad += 1
sys.exit(1 if bad else 0)
PY

# Images: crop --images rejects each bad image with its code and goes on.
bash -c "$limit exec timeout 60 \"\$0\" crop --images \"\$1\"/images/* --rejects \"\$2/image-rejects.jsonl\"" \
  "$bin" "$inputs" "$out" > "$out/panels.jsonl" 2> "$out/crop.log"
for pair in "png-bomb.png image.too-large" "truncated.jpg image.corrupt" "empty.png image.empty"; do
  set -- $pair
  grep -q "\"$1\".*\"$2\"\|\"$2\".*$1" "$out/image-rejects.jsonl" 2>/dev/null || fail "crop --images: $1 should be rejected with $2"
done

# Captions: 1 MB is split (capped, warned); lines that are not valid JSON text (lone surrogates,
# raw invalid UTF-8) are rejected one by one as jsonl.malformed while the rest of the batch goes on.
python3 -c "
import json
big = 'Panels. ' + ' '.join('(%s) part %d.' % (chr(65 + i % 26), i) for i in range(60000))
print(json.dumps({'key': 'big', 'caption': big}))
print('{\"key\": \"bad-utf8\", \"caption\": \"(A) caf\\\\udce9 (B) na\\\\udcefve\"}')
" > "$out/captions.jsonl"
printf '{"key": "raw-bytes", "caption": "(A) \xff\xfe broken (B) \xc3 end"}\n' >> "$out/captions.jsonl"
bash -c "$limit exec timeout 60 \"\$0\" align --captions \"\$1/captions.jsonl\" --rejects \"\$1/caption-rejects.jsonl\"" "$bin" "$out" > "$out/splits.jsonl" 2> "$out/align.log"
[ $? -eq 0 ] || fail "align --captions failed on hostile captions"
python3 - "$out/splits.jsonl" "$out/caption-rejects.jsonl" <<'PY' || fail "align --captions: hostile captions not handled as expected"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
rejects = [json.loads(l) for l in open(sys.argv[2])]
assert [r["key"] for r in rows] == ["big"] and rows[0]["subcaptions"] and rows[0].get("warnings"), rows[0].keys()
assert sorted(r["code"] for r in rejects) == ["jsonl.malformed", "jsonl.malformed"], rejects
PY

after=$(cd "$root" && find . -path ./out -prune -o -print | sort)
if [ "$before" != "$after" ]; then
  fail "files appeared outside the output folder:"
  diff <(echo "$before") <(echo "$after")
fi
[ -z "$(ls /tmp/evil 2>/dev/null)" ] || fail "an archive member escaped to /tmp/evil"
echo "hostile suite: $failures failure(s)"
[ $failures -eq 0 ]
