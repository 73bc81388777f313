#!/usr/bin/env bash
# The pubforge binary loads no OpenCV imgcodecs (nor its GDAL/GDCM/HDF5 tree), no PDF reader (PoDoFo, OpenSSL: they load with the first PDF) and no more shared libraries than it needs (issue 12, part 4; docs/architecture.md, start-up).
set -euo pipefail
bin=$1
libraries=$(ldd "$bin")
heavy=$(grep -E -o 'lib(opencv_imgcodecs|opencv_highgui|opencv_videoio|opencv_dnn|gdal|gdcm[A-Za-z0-9]*|hdf5[a-z_]*|poppler|mariadb|OpenEXR[-0-9_]*|podofo|crypto)\.so' <<<"$libraries" | sort -u || true)
if [ -n "$heavy" ]; then
  echo "pubforge links libraries it must not load at start-up:" >&2
  echo "$heavy" >&2
  exit 1
fi
# The sanitizer runtimes (make sanitize) are the build's, not the product's: they are not counted.
count=$(grep '\.so' <<<"$libraries" | grep -c -v -E '\blib(asan|ubsan|lsan|tsan)\.so' || true)
# 41 with the static C libraries (cmake/Dependencies.cmake), no OpenCV freetype module and the PDF reader in its module (PoDoFo and OpenSSL load with the first PDF); a build without the static ones (-DPUBFORGE_STATIC_C_LIBS=OFF) maps 48.
limit=${PUBFORGE_STARTUP_LIBRARY_LIMIT:-41}
if [ "$count" -gt "$limit" ]; then
  echo "pubforge loads $count shared libraries (limit $limit); ldd:" >&2
  echo "$libraries" >&2
  exit 1
fi
echo "pubforge loads $count shared libraries"
