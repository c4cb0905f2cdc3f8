#!/usr/bin/env bash
# Installs everything pims needs to build and test, from Debian's packages only.
# Usage: scripts/install-deps.sh [--build-only]
#   --build-only   skip the browsers and test tools (enough to build and run pims)
# Runs apt-get as root, or through sudo when not root.
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  nlohmann-json3-dev libsimdjson-dev libsqlitecpp-dev libsqlite3-dev libsodium-dev
  libboost-dev libboost-filesystem-dev catch2 libpsl-dev libbenchmark-dev
  libssl-dev libargon2-dev zlib1g-dev
  nodejs zip
)
test_packages=(
  chromium firefox-esr clang libclang-rt-14-dev sqlite3 python3 lintian
)

packages=("${build_packages[@]}")
[[ "${1:-}" == "--build-only" ]] || packages+=("${test_packages[@]}")

# Skip apt entirely when everything is already there (fast re-runs, offline laptops).
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm ships inside some nodejs builds (NodeSource); Debian packages it apart.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
