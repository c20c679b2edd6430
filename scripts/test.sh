#!/usr/bin/env bash
# Installs what is missing, builds, and runs pacer's whole test suite. Run as root from the checkout.
#
#   1. Release build of everything; every CTest test: unit, reference, integration (sandbox).
#   2. Sanitize build (clang, ASan+UBSan), compiled at idle priority while step 1's tests run,
#      then every libFuzzer target for PACER_FUZZ_SECONDS (default 20) each, also at idle priority
#      in step 1's shadow, so a crash fails the run; after step 1, the unit tests again.
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

sanitize=0
[[ "${PACER_SKIP_SANITIZE:-0}" != 1 ]] && sanitize=1
if ((sanitize)); then
  # The Sanitize build compiles at the lowest CPU and I/O priority while the Release tests run:
  # the sandbox tests mostly wait on timers, so it takes their idle time instead of adding its
  # minutes to the suite, and the scheduler hands the CPU back to a test process the moment it
  # wakes. Its output goes to a log that is printed if it fails.
  echo "== Sanitize build (clang, ASan+UBSan, libFuzzer), in the background: build/sanitize.log"
  set -m  # its own process group, so the trap below can stop ninja and the compilers too
  (
    CC=clang CXX=clang++ cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=Sanitize \
      -DPACER_FUZZ_SECONDS="$fuzz_seconds" &&
    # Only what the phase runs: every unit test and fuzz target, not the daemons' mains again.
    nice -n 19 ionice -c 3 cmake --build build/sanitize -j "$jobs" --target pacer_unit_and_fuzz &&
    # The fuzz targets run for a fixed time each, so they too can take the idle CPU: starved,
    # they only try fewer inputs. (The unit tests wait for step 1: some of them time things.)
    echo "== Sanitize: fuzz targets" &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      nice -n 19 ctest --test-dir build/sanitize --output-on-failure -j "$jobs" -L fuzz
  ) >build/sanitize.log 2>&1 &
  sanitize_build=$!
  set +m
  trap 'kill -- -"$sanitize_build" 2>/dev/null || true' EXIT
fi

echo "== Release: all tests"
ctest --test-dir build/release --output-on-failure -j "$jobs" --timeout 600

if ((sanitize)); then
  if ! wait "$sanitize_build"; then
    tail -n 120 build/sanitize.log
    echo "== Sanitize build or fuzz targets failed (build/sanitize.log)"
    exit 1
  fi
  trap - EXIT
  sed -n '/^== Sanitize: fuzz targets/,$p' build/sanitize.log
  echo "== Sanitize: unit tests"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/sanitize --output-on-failure -j "$jobs" -L unit -LE fuzz
fi
echo "== pacer test suite passed ($root)"
