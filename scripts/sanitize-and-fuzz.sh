#!/usr/bin/env bash
# The C++ suite again, built with clang, AddressSanitizer and UndefinedBehaviorSanitizer, then a
# short run of every libFuzzer target (docs/testing.md has the long command).
# Usage: scripts/sanitize-and-fuzz.sh [SECONDS_PER_FUZZ_TARGET]   (default 30)
# Findings: a sanitizer report fails the test; a fuzzer crash input is left in build-fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
build_dir=${PIMS_FUZZ_BUILD_DIR:-build-fuzz}

CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPIMS_SANITIZE=ON -DPIMS_FUZZ=ON -DPIMS_WERROR=OFF >/dev/null
# Only what the cpp-labelled tests and the fuzzers need (not the installer or the package).
ninja -C "$build_dir" -j2 pims_unit_tests pims_integration_tests pims-host pims-cli \
  replay_frame replay_dispatch replay_site replay_vault_open replay_classify replay_serve \
  replay_backup_import replay_import fuzz_serve fuzz_backup_import fuzz_import \
  fuzz_frame fuzz_dispatch fuzz_site fuzz_vault_open fuzz_classify

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build_dir" -L cpp --output-on-failure -j2 --timeout 600

mkdir -p "$build_dir/findings"
for fuzzer in "$build_dir"/tests/fuzz/fuzz_*; do
  name=$(basename "$fuzzer")
  name=${name#fuzz_}
  work="$build_dir/fuzz-corpus/$name"
  mkdir -p "$work"
  echo "fuzz: $name for ${seconds}s"
  "$fuzzer" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$build_dir/findings/$name-" \
    "$work" "tests/fuzz/corpus/$name" 2>"$build_dir/fuzz-$name.log" || {
      tail -n 40 "$build_dir/fuzz-$name.log"
      echo "fuzz: $name found a crash; the input is in $build_dir/findings/"
      exit 1
    }
  grep -E "stat::number_of_executed_units" "$build_dir/fuzz-$name.log" | sed "s/^/fuzz: $name /"
done
