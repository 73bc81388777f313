#!/usr/bin/env bash
# Every error code the library and the CLI throw (pubforge::Error("code", ...)) and every warning code it records
# (add_warning, page and caption warnings) must be explained in docs/operations.md, or, for a family documented there as
# `prefix.*` with a link, in the linked page. Fails listing the undocumented codes.
set -euo pipefail
bin=$1 src=$2
"$bin" --version > /dev/null
python3 - "$src" <<'PY'
import pathlib, re, sys

src = pathlib.Path(sys.argv[1])
thrown = re.compile(r'\bError\(\s*"([a-z0-9_.-]+)"')
warned = re.compile(r'\badd_warning\(\s*[^,()]+,\s*"([a-z0-9_.-]+)"'  # record and figure warnings
                    r'|warnings\.push_back\(\{?"([a-z0-9_-]+\.[a-z0-9_.-]+)[":]'  # page and caption warnings
                    r'|\{"", "([a-z0-9_-]+\.[a-z0-9_.-]+)"')  # PDF image extraction results
codes = {}
sources = [p for pattern in ("src/**/*.[ch]pp", "include/**/*.hpp", "tools/pubforge/*.[ch]pp") for p in src.glob(pattern)]
for path in sorted(sources):
    text = path.read_text(encoding="utf-8")
    for pattern, kind in ((thrown, "error"), (warned, "warning")):
        for match in pattern.finditer(text):
            code = next(group for group in match.groups() if group)
            codes.setdefault(code, (kind, path.relative_to(src)))
if len(codes) < 40:
    sys.exit(f"only {len(codes)} codes found in src/: the patterns no longer match the code")

docs = src / "docs"
operations = (docs / "operations.md").read_text(encoding="utf-8")
documented = set(re.findall(r"`([a-z0-9_.-]+)`", operations))
# `family.*` (see [page](page.md)) on the same line delegates a family of codes to that page.
for family, page in re.findall(r"`([a-z0-9_-]+)\.\*`[^\n]*?\]\(([^)]+\.md)\)", operations):
    linked = (docs / page).read_text(encoding="utf-8")
    documented |= {c for c in re.findall(r"`([a-z0-9_.-]+)`", linked) if c.startswith(family + ".")}

missing = sorted(code for code in codes if code not in documented)
for code in missing:
    kind, where = codes[code]
    print(f"undocumented {kind} code {code} (in {where}): add it to docs/operations.md", file=sys.stderr)
if missing:
    sys.exit(1)
print(f"{len(codes)} error and warning codes, all documented")
PY
