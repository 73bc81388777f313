#!/usr/bin/env bash
# Regenerates docs/images/crop-*.png (generated figures before/after panel detection) with the test binary.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
PUBFORGE_DOCS_IMAGES="$root/docs/images" "$build/tests/pubforge_tests" --gtest_filter='SyntheticFiguresTest.RenderDocsPictures'
