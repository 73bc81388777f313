#!/usr/bin/env bash
# archive load / stats / get / query / check on generated records: round trip, reload, rejects, busy and corrupt archives.
set -euo pipefail
pubforge=$1; src=$2
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
"$py" "$src/tests/fixtures/archive/make_records.py" 40 > records.jsonl

"$pubforge" -q archive load a.sqlite records.jsonl
"$pubforge" archive stats a.sqlite --json > stats.json
# The expected totals are counted from the records themselves.
"$py" - records.jsonl stats.json <<'PY'
import json, sys
records = [json.loads(l) for l in open(sys.argv[1])]
stats = json.load(open(sys.argv[2]))["totals"]
figs = [f for r in records for f in r["figures"]]
expect = {"articles": len(records), "figures": len(figs),
          "panels": sum(len(f.get("subfigures", [])) for f in figs),
          "subcaptions": sum(len(f.get("subcaptions", [])) for f in figs),
          "links": sum(len(f.get("links", [])) for f in figs),
          "mentions": sum(len(f.get("mentions", [])) for f in figs),
          "missing_images": sum(1 for f in figs for g in f["graphics"] if g.get("image") is None),
          "images": len({g["image"]["sha256"] for f in figs for g in f["graphics"] if g.get("image")})}
for key, value in expect.items():
    assert stats[key] == value, (key, stats[key], value)
PY

# get returns every record unchanged.
"$py" - "$pubforge" records.jsonl <<'PY'
import json, subprocess, sys
for line in open(sys.argv[2]):
    record = json.loads(line)
    out = subprocess.run([sys.argv[1], "archive", "get", "a.sqlite", record["id"]], check=True, capture_output=True, text=True).stdout
    assert json.loads(out) == record, record["id"]
PY

# Reloading replaces: same counts, reported as updates.
"$pubforge" archive load a.sqlite records.jsonl 2> reload.log
grep -q "0 inserted, 40 updated, 0 rejected" reload.log
"$pubforge" archive stats a.sqlite --json > stats2.json
cmp stats.json stats2.json

# Full-text search with filters: every hit satisfies the filters.
"$pubforge" archive query a.sqlite "brain OR cerebral" --license-class commercial --year-from 2005 --jsonl --limit 0 > hits.jsonl
test -s hits.jsonl
"$py" -c "
import json,sys
for l in open('hits.jsonl'):
    h=json.loads(l); assert h['license_class']=='commercial' and h['year']>=2005 and ('brain' in h['caption'] or 'cerebral' in h['caption']), h
"
"$pubforge" archive query a.sqlite "sagittal" --articles | grep -q "^rank"

# A record failing validation goes to the rejects file; --strict turns it into exit 1.
printf '%s\n' '{"schema": 1, "id": "bad record id that is far too long to be an article key, longer than 64 chars", "source": {}, "figures": []}' 'not json' > bad.jsonl
set +e
"$pubforge" -q archive load a.sqlite bad.jsonl --rejects rejects.jsonl --strict; rc=$?
set -e
test "$rc" = 1
test "$(wc -l < rejects.jsonl)" = 2
grep -q '"code":"record.invalid"' rejects.jsonl
grep -q '"code":"jsonl.malformed"' rejects.jsonl

"$pubforge" archive check a.sqlite | grep -q "^ok: 40 articles"

# A second writer waits --busy-timeout, then fails with a clear message (exit 3) and changes nothing.
"$py" - <<'PY' &
import sqlite3, time
c = sqlite3.connect("a.sqlite", isolation_level=None); c.execute("BEGIN IMMEDIATE"); time.sleep(3); c.execute("ROLLBACK")
PY
sleep 0.5
set +e
"$pubforge" archive load a.sqlite records.jsonl --busy-timeout 300 2> busy.log; rc=$?
set -e
wait
test "$rc" = 3
grep -q "locked by another process" busy.log

# A file that is not an archive: exit 3, file untouched.
printf 'hello, I am not a database\n' > notes.txt
cp notes.txt notes.orig
set +e
"$pubforge" archive load notes.txt records.jsonl 2> corrupt.log; rc=$?
set -e
test "$rc" = 3
grep -q "archive.corrupt" corrupt.log
cmp notes.txt notes.orig
test ! -e notes.txt-wal
echo "archive_load: ok"
