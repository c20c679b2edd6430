#!/usr/bin/env bash
# Installs what is missing, builds, and runs pacer's whole test suite. Run as root from the checkout.
#
#   1. Release build of everything; every CTest test: unit, reference, integration (sandbox).
#   2. Sanitize build (clang, ASan+UBSan): the unit tests again, and every libFuzzer target for
#      PACER_FUZZ_SECONDS (default 20) each, so a crash fails the run.
#
# Environment: PACER_JOBS (build parallelism, default nproc), PACER_FUZZ_SECONDS,
# PACER_SKIP_SANITIZE=1 to run only step 1 (for a quick local check; CI never sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=${PACER_JOBS:-$(nproc)}
fuzz_seconds=${PACER_FUZZ_SECONDS:-20}

./scripts/install-deps.sh

echo "== Release build"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "$jobs"

echo "== Release: all tests"
ctest --test-dir build/release --output-on-failure -j "$jobs" --timeout 600

if [[ "${PACER_SKIP_SANITIZE:-0}" != 1 ]]; then
  echo "== Sanitize build (clang, ASan+UBSan, libFuzzer)"
  CC=clang CXX=clang++ cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=Sanitize \
    -DPACER_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
  # Only what the phase runs: every unit test and fuzz target, not the daemons' mains again.
  cmake --build build/sanitize -j "$jobs" --target pacer_unit_and_fuzz
  echo "== Sanitize: unit tests and fuzz targets"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/sanitize --output-on-failure -j "$jobs" -L 'unit|fuzz'
fi
echo "== pacer test suite passed ($root)"
