#!/usr/bin/env bash
# Every SQL example in docs/formats/archive.md runs against a freshly loaded archive and returns rows.
set -euo pipefail
pubforge=$1; src=$2
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$py" "$src/tests/fixtures/archive/make_records.py" 60 > "$work/records.jsonl"
"$pubforge" -q archive load "$work/a.sqlite" "$work/records.jsonl"
sqlite3 "$work/a.sqlite" "INSERT INTO responses (custom_id, article_id, figure_id, task, model, payload, status) VALUES ('c1', 'PMC1000001', 'fig1', 'qa', 'm', '{}', 'ok')"
"$py" - "$src/docs/formats/archive.md" "$work/a.sqlite" <<'PY'
import re, sqlite3, sys
blocks = re.findall(r"```sql\n(.*?)```", open(sys.argv[1]).read(), re.S)
assert len(blocks) >= 7, len(blocks)
db = sqlite3.connect(sys.argv[2])
for sql in blocks:
    rows = db.execute(sql).fetchall()
    assert rows, "no rows from:\n" + sql
print("archive_docs: %d queries ok" % len(blocks))
PY
