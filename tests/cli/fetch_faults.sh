#!/usr/bin/env bash
# pubforge fetch against a local HTTP server with fault injection (tests/fetch/fault_server.py, 127.0.0.1 only):
# a cut connection resumed with a range, 500 then 200, 429 with Retry-After, wrong Content-Lengths, HTML instead
# of gzip, a response slower than --timeout, a missing file; malformed and escaping list lines; byte-identical
# results; re-runs that fetch nothing, or only what is stale or fails --verify; a licence-filtered subset; both
# real list shapes of ../shared/corpus/real/pmc-oa with the real packages (a visible SKIP without them); a full
# disk (exit 3, nothing under the final name); and `pubforge parse MIRROR` taking no partial download for an input.
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# Only the local server is ever asked: no proxy in between.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export NO_PROXY=127.0.0.1
corpus=$src/../shared/corpus/real/pmc-oa
root=$work/served

# Generated packages (a small JATS article each) at PMC-like paths, and the file list naming them.
python3 - "$root" "$work/list.csv" <<'PY'
import io, random, sys, tarfile
root, list_path = sys.argv[1:]
import os
licences = ["CC BY", "CC BY-NC", "NO-CC CODE", "CC0", "CC BY-NC-ND", "CC BY"]
rows = ["File,Article Citation,Accession ID,Last Updated (YYYY-MM-DD HH:MM:SS),PMID,License"]
def package(path, pmcid, size):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    xml = ('<article article-type="research-article"><front><article-meta><article-id pub-id-type="pmc">%s'
           '</article-id><title-group><article-title>Article %s</article-title></title-group></article-meta>'
           '</front><body><p>%s</p></body></article>' % (pmcid[3:], pmcid, "text " * 20)).encode()
    filler = random.Random(pmcid).randbytes(size)  # incompressible, as figures are
    with tarfile.open(path, "w:gz") as tar:
        for name, data in ((pmcid + "/main.nxml", xml), (pmcid + "/supplement.bin", filler)):
            info = tarfile.TarInfo(name); info.size = len(data); info.mtime = 1600000000
            tar.addfile(info, io.BytesIO(data))
for i in range(1, 16):
    pmcid = "PMC%d" % (1000 + i)
    rel = "oa_package/%02x/%02x/%s.tar.gz" % (i, 255 - i, pmcid)
    if i != 15:  # PMC1015 is listed but absent from the server: 404
        package(os.path.join(root, rel), pmcid, 40000 + 3000 * i)
    rows.append("%s,J. Test. 2020; %d(1):1-9,%s,2020-0%d-1%d 10:00:00,%d,%s" % (rel, i, pmcid, 1 + i % 9, i % 10, 9000 + i, licences[i % 6]))
rows.insert(5, "oa_package/broken,row,PMC1")                                   # 3 fields
rows.insert(7, "oa_package/00/00/PMC9.tar.gz,c,PMC9,not a date,1,CC BY")        # bad date
rows.insert(9, "../../escaped.tar.gz,c,PMC8,2020-01-01 00:00:00,1,CC BY")      # escapes the mirror
rows.append("/tmp/absolute.tar.gz")                                           # absolute
open(list_path, "w").write("\n".join(rows) + "\n")
# PMC1016 answers slower than any --timeout: it has a list of its own, so only one test waits for it.
rel = "oa_package/10/ef/PMC1016.tar.gz"
package(os.path.join(root, rel), "PMC1016", 1000)
open(os.path.dirname(list_path) + "/slow.txt", "w").write(rel + "\n")
PY
path_of() { grep -o "oa_package/[0-9a-f/]*/PMC$1\.tar\.gz" "$work/list.csv"; }
cat > "$work/faults.json" <<EOF
{"/$(path_of 1004)": "cut", "/$(path_of 1005)": "500-then-200", "/$(path_of 1006)": "429",
 "/$(path_of 1007)": "long-length", "/$(path_of 1008)": "html", "/oa_package/10/ef/PMC1016.tar.gz": "slow",
 "/$(path_of 1010)": "short-length"}
EOF
# The real truncated package is served where PMC1011 is listed: a complete transfer of a broken file.
if [ -d "$corpus" ]; then cp "$corpus/truncated/PMC10802347.tar.gz" "$root/$(path_of 1011)"; fi

python3 "$src/tests/fetch/fault_server.py" "$root" "$work/port" "$work/server.log" "$work/faults.json" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")/"
fetch() { "$bin" fetch --base-url "$base" --rate 0 --retries 2 --backoff 0.2 --timeout 2 "$@"; }
requests() { python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["path"] == "/" + sys.argv[2]))' "$work/server.log" "$1"; }

# 1. The faulty batch: every recoverable fault is recovered, every other one is a reject, and the batch goes on.
fetch "$work/list.csv" -o "$work/mirror" -j 4 --rejects "$work/rejects.jsonl" 2> "$work/fetch1.log" \
  || { cat "$work/fetch1.log"; exit 1; }
python3 - "$work" "$(path_of 1007)" "$(path_of 1008)" "$(path_of 1010)" "$(path_of 1011)" "$(path_of 1015)" "$([ -d "$corpus" ] && echo real)" <<'PY'
import json, sys
work, long_length, html, short_length, truncated, missing, real = sys.argv[1:]
got = {(r["input"], r["code"]) for r in map(json.loads, open(work + "/rejects.jsonl"))}
want = {("%s/list.csv:6" % work, "fetch.list-malformed"), ("%s/list.csv:8" % work, "fetch.list-malformed"),
        ("%s/list.csv:10" % work, "fetch.unsafe-path"), ("%s/list.csv:20" % work, "fetch.unsafe-path"),
        (long_length, "fetch.truncated"), (html, "fetch.not-a-package"),
        (short_length, "fetch.corrupt"), (missing, "fetch.not-found")}
if real:
    want.add((truncated, "fetch.corrupt"))
assert got == want, "rejects:\n%s\nwanted:\n%s" % (sorted(got), sorted(want))
for r in map(json.loads, open(work + "/rejects.jsonl")):
    assert r["stage"] == "fetch" and r["message"], r
PY
grep -q "fetch: 15 listed, 15 selected: [0-9]* fetched, 0 up to date, [0-9]* failed" "$work/fetch1.log" || { cat "$work/fetch1.log"; exit 1; }
# Every fetched file is the served file, byte for byte; no rejected file exists under its final name.
fetched=0
while read -r rel; do
  if grep -q "\"$rel\"" "$work/rejects.jsonl"; then
    [ ! -e "$work/mirror/$rel" ] || { echo "rejected $rel was stored"; exit 1; }
  else
    cmp "$root/$rel" "$work/mirror/$rel"
    fetched=$((fetched + 1))
  fi
done < <(grep -o '^oa_package/[0-9a-f/]*/PMC10[0-9][0-9]\.tar\.gz' "$work/list.csv")
[ "$fetched" -eq "$([ -d "$corpus" ] && echo 10 || echo 11)" ] || { echo "fetched $fetched files"; exit 1; }
[ ! -e "$(dirname "$work")/escaped.tar.gz" ]
# The cut transfer was resumed: the second request asked for the rest only, and the two together sent the file once.
python3 - "$work/server.log" "/$(path_of 1004)" "$root/$(path_of 1004)" "/$(path_of 1005)" "/$(path_of 1006)" <<'PY'
import json, os, sys
log, cut, cut_file, five_hundred, too_many = sys.argv[1:]
entries = [json.loads(l) for l in open(log)]
cut_requests = [e for e in entries if e["path"] == cut]
size = os.path.getsize(cut_file)
assert len(cut_requests) == 2, cut_requests
assert cut_requests[0]["range"] is None and cut_requests[1]["range"] == "bytes=%d-" % cut_requests[0]["sent"], cut_requests
assert cut_requests[1]["status"] == 206 and sum(e["sent"] for e in cut_requests) == size, (cut_requests, size)
assert [e["status"] for e in entries if e["path"] == five_hundred] == [500, 200]
waits = [e["time"] for e in entries if e["path"] == too_many]
assert len(waits) == 2 and waits[1] - waits[0] >= 0.95, waits  # Retry-After: 1 honoured
PY

# 2. A re-run asks the server only for what failed; a stale file (older than its Last Updated) is fetched again.
before=$(wc -l < "$work/server.log")
touch -d "2019-01-01" "$work/mirror/$(path_of 1001)"
fetch "$work/list.csv" -o "$work/mirror" -j 4 2> "$work/fetch2.log"
grep -q " 1 fetched, $((fetched - 1)) up to date" "$work/fetch2.log" || { cat "$work/fetch2.log"; exit 1; }
tail -n +"$((before + 1))" "$work/server.log" > "$work/rerun.log"
for n in 1002 1003 1004 1005 1006 1009 1012 1013 1014; do
  ! grep -q "PMC$n.tar.gz" "$work/rerun.log" || { echo "PMC$n fetched again"; exit 1; }
done
[ "$(grep -c "PMC1001.tar.gz" "$work/rerun.log")" -eq 1 ]
cmp "$root/$(path_of 1001)" "$work/mirror/$(path_of 1001)"

# 3. --verify re-reads what is there and fetches again a file that no longer reads (cut short on disk).
truncate -s 5000 "$work/mirror/$(path_of 1002)"
fetch "$work/list.csv" -o "$work/mirror" --verify --limit 6 2> "$work/fetch3.log"
grep -q " 1 fetched," "$work/fetch3.log" || { cat "$work/fetch3.log"; exit 1; }
cmp "$root/$(path_of 1002)" "$work/mirror/$(path_of 1002)"

# 4. A partial file left by a killed run is resumed: one request, for the missing bytes only.
rel=$(path_of 1003)
mkdir -p "$(dirname "$work/resume/.partial/$rel")"
head -c 12345 "$root/$rel" > "$work/resume/.partial/$rel"
: > "$work/server.log"
fetch "$work/list.csv" -o "$work/resume" --pmcids PMC1003 2> "$work/fetch4.log"
cmp "$root/$rel" "$work/resume/$rel"
python3 -c 'import json,sys; e=[json.loads(l) for l in open(sys.argv[1]) if sys.argv[3] in l]; assert len(e)==1 and e[0]["range"]=="bytes=12345-" and e[0]["sent"]==int(sys.argv[2])-12345, e' \
  "$work/server.log" "$(stat -c %s "$root/$rel")" "$rel"
[ -z "$(find "$work/resume/.partial" -type f)" ]

# 5. A licence-filtered subset, from stdin: exactly the commercial files (CC BY, CC0) the server has, no others.
grep -v -E 'PMC10(07|08|10|11)' "$work/list.csv" | fetch - -o "$work/commercial" --license commercial 2> "$work/fetch5.log"
(cd "$work/commercial" && find . -name '*.tar.gz' | sed 's|^\./||' | sort) > "$work/commercial.got"
python3 - "$work/list.csv" <<'PY' | sort > "$work/commercial.want"
import sys
for line in open(sys.argv[1]).read().splitlines()[1:]:
    f = line.split(",")
    if len(f) == 6 and f[5] in ("CC BY", "CC0") and "/PMC10" in f[0] and "PMC1015" not in f[0] \
            and not any("PMC10%s" % n in f[0] for n in ("07", "08", "10", "11")):
        print(f[0])
PY
diff "$work/commercial.want" "$work/commercial.got"

# 6. A response slower than --timeout is abandoned, retried, then rejected as fetch.timeout; nothing is stored.
set +e
"$bin" fetch "$work/slow.txt" -o "$work/slow" --base-url "$base" --rate 0 --retries 1 --backoff 0.1 --timeout 1 \
  --rejects "$work/slow-rejects.jsonl" 2> "$work/slow.log"
set -e
grep -q '"code":"fetch.timeout".*(after 2 attempts)' "$work/slow-rejects.jsonl" || { cat "$work/slow.log" "$work/slow-rejects.jsonl"; exit 1; }
[ "$(grep -c PMC1016 "$work/server.log")" -ge 1 ] && [ -z "$(find "$work/slow" -name '*.tar.gz')" ]

# 7. file:// bases work too, and --strict turns rejects into exit 1.
"$bin" fetch "$work/list.csv" -o "$work/local" --base-url "file://$root/" --limit 3 2> "$work/fetch6.log"
for n in 1001 1002 1003; do cmp "$root/$(path_of $n)" "$work/local/$(path_of $n)"; done
# On a terminal (script(1) gives one), stderr shows the CLI's progress bar with files, failures, bytes, rate, ETA.
if command -v script > /dev/null; then
  script -qec "$bin fetch $work/list.csv -o $work/tty --base-url file://$root/ --limit 3" /dev/null > "$work/tty.log"
  grep -q 'fetch  *\[#*\] 100% 3/3 files (0 failed), [0-9.]* kB, [0-9.]* [kM]*B/s, ETA' "$work/tty.log" || { cat -v "$work/tty.log"; exit 1; }
fi
set +e
grep PMC1015 "$work/list.csv" | fetch - -o "$work/strict" --strict 2> "$work/fetch7.log"
code=$?
set -e
grep PMC1001 "$work/list.csv" | fetch - -o "$work/strict" --strict 2> "$work/fetch7.log"
[ "$code" -eq 1 ] || { echo "--strict with a reject exited $code"; cat "$work/fetch7.log"; exit 1; }

# 8. A full disk is fatal: exit 3, and nothing under the file's final name. (The partial download of PMC1012 is
#    /dev/full, where every write fails with ENOSPC; --rejects /dev/full fails the same way.)
rel=$(path_of 1012)
mkdir -p "$(dirname "$work/full/.partial/$rel")"
ln -s /dev/full "$work/full/.partial/$rel"
set +e
fetch "$work/list.csv" -o "$work/full" --pmcids PMC1012 2> "$work/fetch8.log"
code=$?
fetch "$work/list.csv" -o "$work/full2" --pmcids PMC1013 --rejects /dev/full 2> "$work/fetch9.log"
code2=$?
set -e
[ "$code" -eq 3 ] && grep -q "io.write" "$work/fetch8.log" || { echo "disk full: exit $code"; cat "$work/fetch8.log"; exit 1; }
[ ! -e "$work/full/$rel" ]
[ "$code2" -eq 3 ] || { echo "--rejects /dev/full: exit $code2"; cat "$work/fetch9.log"; exit 1; }

# 9. The mirror is an input tree at once: parse takes the fetched packages, never a partial download.
cp "$root/$(path_of 1014)" "$work/mirror/.partial/unfinished.tar.gz"
"$bin" -q parse "$work/mirror" --store "$work/store" -o "$work/records.jsonl" --rejects "$work/parse-rejects.jsonl"
records=$(wc -l < "$work/records.jsonl")
[ "$records" -eq "$fetched" ] || { echo "parse read $records records from $fetched fetched packages"; exit 1; }

# 10. The real lists of ../shared/corpus/real/pmc-oa: with header (CRLF, spreadsheet dates), the real packages
#    served at their list paths (PMC7159299 is held out: 404); without header (10,000 PMC rows), a licence-filtered
#    first 12 served as generated packages.
if [ -d "$corpus" ]; then
  for pmc in PMC7112410 PMC7135076 PMC7159286; do
    rel=$(grep -o "oa_package/[0-9a-f/]*/$pmc\.tar\.gz" "$corpus/lists/oa_file_list.with-header.csv")
    mkdir -p "$(dirname "$root/$rel")"
    cp "$corpus/$pmc.tar.gz" "$root/$rel"
  done
  fetch "$corpus/lists/oa_file_list.with-header.csv" -o "$work/real" -j 2 --rejects "$work/real-rejects.jsonl" 2> "$work/real.log"
  for pmc in PMC7112410 PMC7135076 PMC7159286; do cmp "$corpus/$pmc.tar.gz" "$(find "$work/real" -name "$pmc.tar.gz")"; done
  [ "$(cat "$work/real-rejects.jsonl")" = '{"code":"fetch.not-found","input":"oa_package/72/a6/PMC7159299.tar.gz","message":"oa_package/72/a6/PMC7159299.tar.gz: HTTP 404","stage":"fetch"}' ] \
    || { cat "$work/real-rejects.jsonl"; exit 1; }
  python3 - "$corpus/lists/oa_file_list.no-header.csv" "$root" <<'PY'
import io, os, sys, tarfile
rows = [l.split(",") for l in open(sys.argv[1]).read().splitlines()]
for f in [r for r in rows if r[-1] in ("CC BY", "CC0")][:12]:
    path = os.path.join(sys.argv[2], f[0]); os.makedirs(os.path.dirname(path), exist_ok=True)
    with tarfile.open(path, "w:gz") as tar:
        data = ("<article><front><article-meta><title-group><article-title>%s</article-title></title-group>"
                "</article-meta></front></article>" % f[2]).encode()
        info = tarfile.TarInfo(f[2] + "/main.nxml"); info.size = len(data); tar.addfile(info, io.BytesIO(data))
PY
  fetch "$corpus/lists/oa_file_list.no-header.csv" -o "$work/real2" -j 4 --license commercial --limit 12 --strict 2> "$work/real2.log" \
    || { cat "$work/real2.log"; exit 1; }
  [ "$(find "$work/real2" -name '*.tar.gz' | wc -l)" -eq 12 ]
  grep -q "fetch: 10000 listed, 12 selected: 12 fetched" "$work/real2.log" || { cat "$work/real2.log"; exit 1; }
else
  echo "SKIP: ../shared/corpus/real/pmc-oa is absent: the real file lists and packages were not fetched"
fi
echo "fetch: faults recovered or rejected, byte-identical mirror, resume by range, re-runs fetch only what is needed"
