#!/usr/bin/env python3
"""Score caption splitting against EXSCLAIM's panel captions (figures/exsclaim/nature_closed_expected.json).

Usage: exsclaim_align.py GOLD.json --inputs          (prints {"key", "caption"} lines for pubforge align --captions)
       exsclaim_align.py GOLD.json SPLITS.jsonl [--panels PANELS.jsonl] [--details]

For every gold panel (master image with a subfigure label) the panel counts as
aligned when the split has a subcaption with the same label and, if EXSCLAIM
gives caption chunks for that panel, at least half of the words of one chunk
appear in that subcaption plus the shared text (EXSCLAIM's chunks are fragments
its own pipeline cut, so containment is fairer than F1). Prints:
  panels N
  label match X        share of gold panels whose label has a subcaption
  chunk match Y        share of gold panels aligned as above
With --panels (`pubforge crop --images` output for the same figures) also:
  panel link Z         share of gold panels whose detected panel (ImageCLEF match)
                       carries a letter whose subcaption holds the panel's chunk:
                       the image crop and the text that will be paired with it
"""
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.environ.get("EVAL", os.path.join(os.path.dirname(__file__), "../../../shared/eval")))
from textmatch import tokens  # noqa: E402
from panels import gold_boxes, score_figure  # noqa: E402


def norm_label(label):
    return "".join(ch for ch in str(label).upper() if ch.isalnum())


def containment(chunk, text):
    want = Counter(tokens(chunk))
    if not want:
        return 1.0
    have = Counter(tokens(text))
    return sum((want & have).values()) / sum(want.values())


def main(argv):
    gold = json.load(open(argv[1], encoding="utf-8"))
    if argv[2] == "--inputs":
        for key, entry in gold.items():
            print(json.dumps({"key": key, "caption": entry["full_caption"]}, ensure_ascii=False))
        return
    details = "--details" in argv
    predicted = {}
    with open(argv[2], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                predicted[row["key"]] = row
    crops = {}
    if "--panels" in argv:
        with open(argv[argv.index("--panels") + 1], encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    crops[row["key"]] = row.get("panels") or []
    panels = labelled = aligned = linked = 0
    for key, entry in gold.items():
        row = predicted.get(key, {"subcaptions": [], "shared": ""})
        subs = {norm_label(s["label"]): s["text"] for s in row.get("subcaptions", [])}
        found = crops.get(key, [])
        _, _, pairs = score_figure(gold_boxes(entry), [tuple(p["box"]) for p in found])
        crop_of = {g: found[k] for k, g in pairs}
        for index, image in enumerate(entry.get("master_images", [])):
            label = norm_label((image.get("subfigure_label") or {}).get("text", ""))
            if not label:
                continue
            panels += 1
            crop_label = norm_label((crop_of.get(index) or {}).get("label") or "")
            chunks = [c for c in image.get("caption") or [] if tokens(c)]
            if crop_label in subs:
                text = (row.get("shared") or "") + " " + subs[crop_label]
                ok = max((containment(c, text) for c in chunks), default=1.0) >= 0.5 and crop_label == label
                linked += ok
            if label not in subs:
                if details:
                    print(f"missing {key} [{label}]", file=sys.stderr)
                continue
            labelled += 1
            text = (row.get("shared") or "") + " " + subs[label]
            chunks = [c for c in image.get("caption") or [] if tokens(c)]
            best = max((containment(c, text) for c in chunks), default=1.0)
            aligned += best >= 0.5
            if details and best < 0.5:
                print(f"chunk {best:.2f} {key} [{label}]", file=sys.stderr)
    print(f"panels {panels}")
    print(f"label match {labelled / panels if panels else 0:.3f}")
    print(f"chunk match {aligned / panels if panels else 0:.3f}")
    if crops:
        print(f"panel link {linked / panels if panels else 0:.3f}")


if __name__ == "__main__":
    main(sys.argv)
