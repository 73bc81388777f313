#!/usr/bin/env python3
"""Fails on any #include in src/ or include/ that runs up the module graph of docs/architecture.md, on SQL
outside src/archive, and on any stage entry point that docs/architecture.md names but no public header declares.

Usage: check_layering.py [REPO]. Prints every offence (FILE:LINE: module -> module, or the missing entry point).
"""
import pathlib
import re
import sys

# Lowest first; a module may include its own layer or any lower one (docs/architecture.md).
LAYERS = [
    ["core"],
    ["text"],
    ["jats", "pdf", "image", "archive", "fetch"],
    ["align"],
    ["export", "report"],
    ["pipeline"],
]
LEVEL = {module: level for level, modules in enumerate(LAYERS) for module in modules}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](?:pubforge/)?([a-z_]+)/[^>"]+[>"]')


def module_of(path: pathlib.Path, root: pathlib.Path) -> str:
    parts = path.relative_to(root).parts
    # include/pubforge/<module>/x.hpp or src/<module>/x.cpp
    return parts[2] if parts[0] == "include" else parts[1]


SQL = re.compile(r'#\s*include\s*<sqlite3\.h>|"\s*(SELECT|INSERT|UPDATE|DELETE FROM|CREATE TABLE|PRAGMA)\b')


def sql_outside_archive(root: pathlib.Path, files: list) -> list:
    """The archive owns its data: SQL (and sqlite3.h) appear only in src/archive and include/pubforge/archive."""
    found = []
    for path in files:
        if module_of(path, root) == "archive":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL.search(line):
                found.append(f"{path.relative_to(root)}:{number}: SQL outside src/archive: {line.strip()[:80]}")
    return found


def missing_entry_points(root: pathlib.Path) -> list:
    """Entry points of the stage table (`ns::name(...)` or `ns::Class::name(...)`) must be declared in include/."""
    doc = (root / "docs/architecture.md").read_text(encoding="utf-8")
    table = doc[doc.index("| stage | module | entry point |"):].split("\n\n", 1)[0]
    headers = {p: p.read_text(encoding="utf-8") for p in (root / "include/pubforge").rglob("*.hpp")}
    missing = []
    for name in re.findall(r"`((?:\w+::)*\w+)\(", table):
        *scopes, function = name.split("::")
        namespace = "pubforge" + "".join("::" + s for s in scopes if s[0].islower())
        classes = [s for s in scopes if s[0].isupper()]
        found = any(f"namespace {namespace} {{" in text and re.search(rf"\b{function}\(", text)
                    and all(re.search(rf"\b(class|struct) {c}\b", text) for c in classes)
                    for text in headers.values())
        if not found:
            missing.append(f"docs/architecture.md: entry point {name}() is declared in no public header")
    return missing


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    files = sorted(p for d in ("src", "include/pubforge") for p in (root / d).rglob("*") if p.suffix in (".cpp", ".hpp"))
    if not files:
        print(f"check_layering: no sources under {root}", file=sys.stderr)
        return 2
    offences = []
    for path in files:
        module = module_of(path, root)
        if module not in LEVEL:
            offences.append(f"{path.relative_to(root)}: module '{module}' is not in the layer table")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match or match.group(1) not in LEVEL:
                continue  # a system or third-party header (nlohmann/, tbb/, libxml/...)
            target = match.group(1)
            if LEVEL[target] > LEVEL[module]:
                offences.append(f"{path.relative_to(root)}:{number}: {module} (layer {LEVEL[module]}) includes "
                                f"{target} (layer {LEVEL[target]})")
    offences += sql_outside_archive(root, files)
    offences += missing_entry_points(root)
    for offence in offences:
        print(offence)
    print(f"check_layering: {len(files)} files, {len(offences)} offences")
    return 1 if offences else 0


if __name__ == "__main__":
    sys.exit(main())
