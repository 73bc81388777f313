#!/usr/bin/env python3
"""Checks the dataset card (README.md) of every export folder under EXPORTS_DIR with a real YAML parser.

The front matter must hold license, task_categories, size_categories, language, pretty_name and configs,
and every data_files path (a glob) must match files of that export folder.
"""
import glob
import json
import os
import sys

import yaml

SPDX_LIKE = {"cc-by-4.0", "cc-by-3.0", "cc-by-2.0", "cc-by-nc-4.0", "cc-by-sa-4.0", "cc-by-nc-sa-4.0", "cc-by-nd-4.0",
             "cc-by-nc-nd-4.0", "cc-by-nc-3.0", "cc-by-nc-sa-3.0", "cc0-1.0", "other"}


def check(folder):
    text = open(os.path.join(folder, "README.md"), encoding="utf-8").read()
    assert text.startswith("---\n"), f"{folder}: no front matter"
    meta = yaml.safe_load(text.split("---\n")[1])
    for key in ("license", "task_categories", "size_categories", "language", "pretty_name", "configs"):
        assert key in meta, f"{folder}: front matter lacks {key}"
    assert meta["license"] in SPDX_LIKE, f"{folder}: license {meta['license']}"
    if meta["license"] == "other":
        assert "license_details" in meta, f"{folder}: 'other' without license_details"
    paths = 0
    for config in meta["configs"]:
        assert config["config_name"] and config["data_files"], f"{folder}: empty config {config}"
        for entry in config["data_files"]:
            assert entry["split"], f"{folder}: data_files entry without split"
            matches = glob.glob(os.path.join(folder, entry["path"]))
            assert matches, f"{folder}: data_files path {entry['path']} matches no file"
            paths += 1
    manifest = json.load(open(os.path.join(folder, "manifest.json")))
    digest = manifest["source"].get("content_sha256")
    assert not digest or digest in text, f"{folder}: card lacks the source archive's content hash"
    listed = {f["path"] for f in manifest["files"]}
    assert "README.md" in listed, f"{folder}: manifest does not list README.md"
    for heading in ("## How it was built", "## Splits", "## One sample", "## Licence notes", "## Citation"):
        assert heading in text, f"{folder}: card lacks {heading}"
    return paths


def main(root):
    folders = sorted(d for d in glob.glob(os.path.join(root, "*")) if os.path.isfile(os.path.join(d, "manifest.json")))
    assert folders, f"no export folders under {root}"
    for folder in folders:
        print(f"{os.path.basename(folder)}: card ok, {check(folder)} data_files paths")


if __name__ == "__main__":
    main(sys.argv[1])
