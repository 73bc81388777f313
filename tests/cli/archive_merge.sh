#!/usr/bin/env bash
# archive merge: shard archives merged in any order equal a single load (same stats and records); duplicates follow the policy.
set -euo pipefail
pubforge=$1; src=$2
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
"$py" "$src/tests/fixtures/archive/make_records.py" 60 > all.jsonl
head -n 25 all.jsonl > shard1.jsonl
sed -n '26,45p' all.jsonl > shard2.jsonl
tail -n 15 all.jsonl > shard3.jsonl

"$pubforge" -q archive load single.sqlite all.jsonl
for k in 1 2 3; do "$pubforge" -q archive load "s$k.sqlite" "shard$k.jsonl"; done
"$pubforge" -q archive merge m1.sqlite s1.sqlite s2.sqlite s3.sqlite
"$pubforge" -q archive merge m2.sqlite s3.sqlite s1.sqlite s2.sqlite --batch-size 7
"$pubforge" archive stats single.sqlite --json > single.json
"$pubforge" archive stats m1.sqlite --json > m1.json
"$pubforge" archive stats m2.sqlite --json > m2.json
cmp single.json m1.json
cmp single.json m2.json
for id in PMC1000000 PMC1000030 PMC1000059; do
  cmp <("$pubforge" archive get single.sqlite $id) <("$pubforge" archive get m2.sqlite $id)
done
"$pubforge" archive check m1.sqlite | grep -q "^ok: 60 articles"

# The same article in two inputs: the copy that ran more stages wins, whatever the input order.
"$py" - <<'PY'
import json
r = json.loads(open("shard1.jsonl").readline())
r["stages"]["align"] = "0.1.0"; r["title"] = "Aligned copy"
open("newer.jsonl", "w").write(json.dumps(r) + "\n")
PY
"$pubforge" -q archive load newer.sqlite newer.jsonl
"$pubforge" -q archive merge d1.sqlite s1.sqlite newer.sqlite
"$pubforge" -q archive merge d2.sqlite newer.sqlite s1.sqlite
"$pubforge" archive get d1.sqlite PMC1000000 | grep -q '"title":"Aligned copy"'
cmp <("$pubforge" archive stats d1.sqlite --json) <("$pubforge" archive stats d2.sqlite --json)

# The output must be new.
set +e
"$pubforge" archive merge m1.sqlite s1.sqlite 2>/dev/null; rc=$?
set -e
test "$rc" = 2
echo "archive_merge: ok"
