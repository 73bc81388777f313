#!/usr/bin/env bash
# The 300 Europe PMC articles ($CORPUS/real/europepmc): no rejects, captions, metadata, hrefs and mentions, and no network.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
real="$CORPUS/real/europepmc"
[ -d "$real" ] || { echo "  SKIP: $real is absent"; exit 0; }
out="$WORK/real-jats"
mkdir -p "$out"
find "$real" -name '*.xml' | sort >"$out/inputs.txt"
# The articles name remote DTDs: strace records every socket the parse opens, and there must be none to a network.
tracer=()
if command -v strace >/dev/null; then
  tracer=(strace -f -qq -e trace=socket,connect -o "$out/sockets.log")
else
  echo "  SKIP network check: strace is absent"
fi
"${tracer[@]}" "$PUBFORGE" parse "@$out/inputs.txt" --store "$out/store" -o "$out/articles.jsonl" \
  --rejects "$out/rejects.jsonl" -j 2 2>"$out/parse.log"
rejected=$(grep -c . "$out/rejects.jsonl" || true)
echo "  europepmc articles $(grep -c . "$out/inputs.txt"), rejects $rejected"
[ "$rejected" -eq 0 ] || { sed 's/^/    /' "$out/rejects.jsonl"; exit 1; }
if [ ${#tracer[@]} -gt 0 ]; then
  network=$(grep -cE 'AF_INET6?' "$out/sockets.log" || true)
  echo "  network sockets opened: $network"
  [ "$network" -eq 0 ] || { grep -E 'AF_INET6?' "$out/sockets.log" | head -5; exit 1; }
fi
# shellcheck disable=SC2046
"$PYTHON" "$EVAL/jats.py" "$out/articles.jsonl" $(cat "$out/inputs.txt") >"$out/scores.txt"
sed 's/^/  /' "$out/scores.txt"
"$PYTHON" "$here/floors.py" "$here/floors/real_jats.json" "$out/scores.txt"
# Every figure xref of the bodies is a mention (a few more come from captions and attributions).
"$PYTHON" - "$out/scores.txt" <<'PY'
import re, sys
m = re.search(r"figure mentions ([0-9]+) \(body has ([0-9]+) fig xrefs\)", open(sys.argv[1]).read())
ok = m and int(m.group(1)) >= int(m.group(2))
print(f"  {'ok  ' if ok else 'LOW '} mentions >= the bodies' figure xrefs")
sys.exit(0 if ok else 1)
PY
