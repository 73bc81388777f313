#!/usr/bin/env bash
# Crop cost in instructions (callgrind), immune to a noisy machine: detection against decoding.
# Runs `pubforge crop` on the figures once and twice over in one process; the second pass is
# the steady state (the letter templates are rendered once per process, in the first).
# usage: bench/crop_instructions.sh [BUILD] [FIGURE...]   (default: ../shared/corpus figures, no page scans)
set -euo pipefail
build=${1:-build}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v valgrind > /dev/null; then
  echo "crop_instructions: valgrind is not installed (apt-get install valgrind); nothing measured"
  exit 0
fi
figures=("$@")
if [ ${#figures[@]} -eq 0 ]; then
  corpus="$root/../shared/corpus/figures"
  if [ ! -d "$corpus" ]; then
    echo "crop_instructions: $corpus is absent and no figures were given; nothing measured"
    exit 0
  fi
  mapfile -t figures < <(find "$corpus" -type f \( -name '*.jpg' -o -name '*.png' \) -not -path '*publaynet*' | sort)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Inclusive instructions of one function in a callgrind profile.
inclusive() {
  callgrind_annotate --inclusive=yes "$1" 2> /dev/null |
    awk -v f="$2" '!found && index($0, f) && !/=>/ { gsub(",", "", $1); print $1; found = 1 }'
}
run() {
  valgrind --tool=callgrind --callgrind-out-file="$work/$1" -q "$build/pubforge" -q crop -j 1 --images "${@:2}" > /dev/null
}
run once "${figures[@]}"
run twice "${figures[@]}" "${figures[@]}"
decode=$(( $(inclusive "$work/twice" 'pubforge::decode_image(') - $(inclusive "$work/once" 'pubforge::decode_image(') ))
detect=$(( $(inclusive "$work/twice" 'pubforge::detect_panels(') - $(inclusive "$work/once" 'pubforge::detect_panels(') ))
awk -v n=${#figures[@]} -v dec="$decode" -v det="$detect" 'BEGIN {
  printf "figures %d: decode %.3f G instructions, detection %.3f G\n", n, dec / 1e9, det / 1e9
  printf "crop cost ratio (decode + detect) / decode: %.3fx\n", (dec + det) / dec
}'
