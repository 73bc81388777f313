#!/usr/bin/env bash
# Regenerates the images and the PMC-OA package of data/samples (the XML texts are hand-written, CC0).
# Deterministic: fixed seeds, tar with sorted names, zero mtimes and owners, gzip without a timestamp.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
g++ -std=c++17 -O2 "$root/tools/samples/make_sample_images.cpp" -o "$build/make_sample_images" \
  $(pkg-config --cflags --libs opencv4)
"$build/make_sample_images" "$root/data/samples" "$root/tools/samples/package"
cd "$root/tools/samples/package"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - PMC9000002 | gzip -n -9 > "$root/data/samples/PMC9000002.tar.gz"
