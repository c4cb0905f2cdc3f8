#!/usr/bin/env bash
# Runs every test of pims: installs what the tests need (Debian packages, npm dev tools),
# builds, then runs the whole suite under ctest (unit, integration, installer, extension and
# real-browser tests), then the sanitizer build and the short fuzz runs.
# Usage: scripts/test.sh            (from anywhere; builds into build/)
# Environment: PIMS_BUILD_DIR (default build), CI=true (warnings become errors),
#   PIMS_FUZZ_SECONDS (per fuzz target, default 30)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/install-dev-tools.sh

build_dir=${PIMS_BUILD_DIR:-build}
werror=OFF
[[ "${CI:-}" == "true" ]] && werror=ON
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPIMS_WERROR="$werror" >/dev/null
ninja -C "$build_dir" -j2
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 600

# The C++ suite again under ASan + UBSan in build-fuzz/, then every fuzz target for a short run.
scripts/sanitize-and-fuzz.sh "${PIMS_FUZZ_SECONDS:-30}"
