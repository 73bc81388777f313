#!/usr/bin/env bash
# Golden test of `pubforge parse` on hostile inputs: each reject has its code, the batch goes on, exit codes follow --max-errors.
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
hostile=$src/tests/fixtures/jats/hostile
inputs=("$hostile/xxe.xml" "$hostile/parameter-entity.xml" "$hostile/billion-laughs.xml" "$hostile/external-dtd.xml"
        "$hostile/deep-nesting.xml" "$hostile/malformed.xml" "$hostile/not-jats.xml" "$src/tests/fixtures/jats/text.nxml")

cd "$work"  # anything written outside -o / --store / --rejects would show up here
status=0
"$bin" parse "${inputs[@]}" --store store -o out.jsonl --rejects rejects.jsonl >stdout.txt 2>log.txt || status=$?
[ "$status" -eq 0 ] || { echo "without --max-errors the batch should exit 0, got $status" >&2; cat log.txt >&2; exit 1; }
[ ! -s stdout.txt ] || { echo "stdout must stay empty with -o" >&2; exit 1; }

/usr/bin/python3 - <<'PY'
import json, os, sys
rejects = {os.path.basename(r["input"]): r for r in map(json.loads, open("rejects.jsonl"))}
want = {"xxe.xml": "xml.entity", "parameter-entity.xml": "xml.entity", "billion-laughs.xml": "xml.entity",
        "deep-nesting.xml": "xml.too-deep", "malformed.xml": "xml.malformed", "not-jats.xml": "xml.not-jats"}
got = {name: r["code"] for name, r in rejects.items()}
if got != want:
    sys.exit(f"reject codes: got {got}, want {want}")
if any(r["stage"] != "parse" for r in rejects.values()):
    sys.exit("every reject should name the parse stage")
records = [json.loads(line) for line in open("out.jsonl")]
names = sorted(os.path.basename(r["source"]["path"]) for r in records)
if names != ["external-dtd.xml", "text.nxml"]:
    sys.exit(f"records: {names}")
if "LEAKED" in open("out.jsonl").read():
    sys.exit("the external DTD was read")
PY
leftovers=$(ls | grep -v -x -e store -e out.jsonl -e rejects.jsonl -e stdout.txt -e log.txt || true)
[ -z "$leftovers" ] || { echo "files written outside the outputs: $leftovers" >&2; exit 1; }
grep -q "xml.entity: 3" log.txt || { echo "the summary should count rejects by code" >&2; cat log.txt >&2; exit 1; }

expect_exit() {
  local want=$1; shift
  local got=0
  "$bin" parse "${inputs[@]}" --store store -o out2.jsonl "$@" 2>/dev/null || got=$?
  [ "$got" -eq "$want" ] || { echo "parse $* exited $got, want $want" >&2; exit 1; }
}
expect_exit 1 --max-errors 5   # 6 rejects > 5
expect_exit 0 --max-errors 6
expect_exit 1 --strict
echo "parse_hostile: ok"
