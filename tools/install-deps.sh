#!/usr/bin/env bash
# Installs the Debian packages pubforge builds and tests with; idempotent, apt-get as root.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config ccache
  libcurl4-openssl-dev curl
  libxml2-dev libpodofo-dev libfreetype-dev libopencv-dev libgif-dev libjpeg-dev libpng-dev libtiff-dev libwebp-dev libopenjp2-7-dev libsqlite3-dev sqlite3 libarchive-dev libssl-dev libtbb-dev
  # What the static libxml2/libarchive/SQLite linked into pubforge call (cmake/Dependencies.cmake, start-up).
  libicu-dev nettle-dev libzstd-dev liblzma-dev zlib1g-dev libbz2-dev
  libcli11-dev libspdlog-dev nlohmann-json3-dev libgtest-dev
  python3 python3-jsonschema poppler-utils fonts-dejavu-core strace
  gnuplot-nox chromium python3-yaml
)
# `install-deps.sh fuzz` (make fuzz) adds clang and its libFuzzer runtime; CI does not need them.
if [ "${1:-}" = fuzz ]; then packages+=(clang libclang-rt-dev); fi
# `install-deps.sh cluster` (CI) adds a one-node SLURM for tests/cli/slurm_cluster.sh (which SKIPs without it).
if [ "${1:-}" = cluster ]; then packages+=(slurmctld slurmd slurm-client munge); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
