#!/usr/bin/env python3
"""Compare a scorer's printed figures with the floors kept in the repository.

Usage: floors.py FLOORS.json SCORER_OUTPUT.txt
FLOORS.json maps a regular expression (with one capture group for the number)
to the lowest acceptable value, e.g. {"ImageCLEF accuracy ([0-9.]+)": 0.80}.
Floors are raised as the code improves and never lowered.
"""
import json
import re
import sys

floors = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
failed = False
for pattern, floor in floors.items():
    m = re.search(pattern, text)
    if not m:
        print(f"  floor {pattern!r}: not found in the scorer output")
        failed = True
        continue
    value = float(m.group(1))
    ok = value + 1e-9 >= floor
    print(f"  {'ok  ' if ok else 'LOW '} {value:.3f} >= {floor:.3f}   {pattern}")
    failed |= not ok
sys.exit(1 if failed else 0)
