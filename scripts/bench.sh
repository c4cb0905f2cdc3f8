#!/usr/bin/env bash
# Runs every benchmark of pims in one go, prints the results and writes docs/benchmarks.md:
# micro-benchmarks (Google Benchmark), the process-level benchmark (cold start against a C++
# echo host and browserpass, unlock + fill, warm fills, memory, vault scale), the fill in
# real headless Chromium and Firefox ESR, and the menu at a field in headless Chromium (focus →
# menu shown, pick → filled). Every figure comes from this one run, on this machine.
# Usage: scripts/bench.sh [--quick]     (--quick: fewer rounds, for trying it out)
# Environment: PIMS_BENCH_BUILD_DIR (default build-bench: a Release build, as shoppers run it)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=()
[[ "${1:-}" == "--quick" ]] && quick=(--quick)

scripts/install-deps.sh
scripts/install-dev-tools.sh
# The peer: browserpass's native host, where Debian's package can be installed.
browserpass=/usr/lib/browserpass/browserpass-native
if [[ ! -x $browserpass ]]; then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
  install_browserpass() {
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
      webext-browserpass >/dev/null 2>&1
  }
  install_browserpass || { "${sudo[@]}" apt-get update -qq >/dev/null 2>&1 && install_browserpass; } ||
    echo "bench: webext-browserpass could not be installed; cold start is compared with the floor only"
fi

build_dir=${PIMS_BENCH_BUILD_DIR:-build-bench}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$build_dir" -j2 pims-host pims-install pims_benchmarks pims_process_bench
npm --prefix extension run build >/dev/null

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
repetitions=5
[[ ${#quick[@]} -gt 0 ]] && repetitions=2
echo "bench: micro-benchmarks" >&2
"$build_dir/tests/bench/pims_benchmarks" --benchmark_repetitions="$repetitions" \
  --benchmark_report_aggregates_only=true --benchmark_format=json \
  --benchmark_out="$results/micro.json" --benchmark_out_format=json >/dev/null
echo "bench: process-level" >&2
"$build_dir/tests/bench/pims_process_bench" "${quick[@]}" --browserpass "$browserpass" \
  >"$results/process.json"
runs=30
[[ ${#quick[@]} -gt 0 ]] && runs=5
for browser in chromium firefox; do
  echo "bench: headless $browser" >&2
  status=0
  PIMS_HOST_BIN="$build_dir/host/pims-host" PIMS_INSTALL_BIN="$build_dir/installer/pims-install" \
    node tests/bench/page-fill.mjs --browser "$browser" --runs "$runs" \
    >"$results/page-$browser.json" || status=$?
  case $status in
    0) ;;
    77) echo "bench: no $browser here; its page figure is left out" >&2; rm -f "$results/page-$browser.json" ;;
    *) echo "bench: the $browser page benchmark failed" >&2; exit 1 ;;
  esac
done

echo "bench: the menu at a field in headless Chromium" >&2
status=0
PIMS_HOST_BIN="$build_dir/host/pims-host" PIMS_INSTALL_BIN="$build_dir/installer/pims-install" \
  node tests/bench/chromium-menu.mjs --runs "$runs" >"$results/menu.json" || status=$?
case $status in
  0) ;;
  77) echo "bench: no Chromium here; the menu figures are left out" >&2; rm -f "$results/menu.json" ;;
  *) echo "bench: the menu benchmark failed" >&2; exit 1 ;;
esac

node tests/bench/report.mjs "$results" docs/benchmarks.md
