#!/usr/bin/env bash
# kill -9 during a large archive load: the archive still passes check, holds only whole batches, and a re-run completes it without duplicates.
set -euo pipefail
pubforge=$1; src=$2
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
total=10000; batch=200
"$py" "$src/tests/fixtures/archive/make_records.py" $total > big.jsonl

"$pubforge" -q archive load a.sqlite big.jsonl --batch-size $batch &
loader=$!
# Wait until at least one batch is committed, then kill without warning.
for _ in $(seq 1 600); do
  n=$(sqlite3 a.sqlite "SELECT count(*) FROM articles" 2>/dev/null || echo 0)
  [ "${n:-0}" -ge $batch ] && break
  sleep 0.05
done
kill -9 $loader
wait $loader 2>/dev/null || true

n=$(sqlite3 a.sqlite "SELECT count(*) FROM articles")
echo "killed after $n articles"
test "$n" -ge $batch
test "$n" -lt $total || { echo "the load finished before the kill; nothing was tested"; exit 1; }
test $((n % batch)) = 0                          # whole batches only
"$pubforge" archive check a.sqlite > check.txt   # integrity, foreign keys, full-text index
grep -q "^ok: $n articles" check.txt
grep -q "1 unfinished loads" check.txt
# The provenance row of the killed load counts exactly what was committed.
test "$(sqlite3 a.sqlite "SELECT inserted FROM provenance WHERE id = 1")" = "$n"

"$pubforge" archive load a.sqlite big.jsonl --batch-size $batch 2> rerun.log
grep -q "$((total - n)) inserted, $n updated, 0 rejected" rerun.log
test "$(sqlite3 a.sqlite "SELECT count(*) FROM articles")" = $total
expected_figures=$("$py" -c "import json; print(sum(len(json.loads(l)['figures']) for l in open('big.jsonl')))")
test "$(sqlite3 a.sqlite "SELECT count(*) FROM figures")" = "$expected_figures"
test "$(sqlite3 a.sqlite "SELECT count(*) FROM search WHERE kind = 'article'")" = $total
"$pubforge" archive check a.sqlite | grep -q "^ok: $total articles"
echo "archive_kill: ok"
