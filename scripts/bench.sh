#!/usr/bin/env bash
# Runs pacer's benchmarks on a Release build and prints their numbers (ratios against a reference
# measured in the same run). Not part of the test suite: these machines are too noisy for timed
# assertions. Run as root from the checkout; run nothing else meanwhile.
#
#   ./scripts/bench.sh                 every benchmark below except the 10-minute one
#   ./scripts/bench.sh NAME...         only these: ipc heartbeat-detection heartbeat-messaging
#                                      heartbeat-footprint heartbeat-footprint-16 heartbeat-false-deaths
#                                      crmd-failover stack-failover stack-coldstart stack-footprint
#                                      lrmd-lateness cib-replication
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release
ctest --test-dir build/release -R '^(pacer_stage_install|heartbeat_stage|crmd_stage|cib_stage)$' >/dev/null
b=build/release/bench

run() {
  echo "== $1"
  case "$1" in
    ipc) "$b/ipc_roundtrip_bench" ;;
    heartbeat-detection) "$b/heartbeat_bench" detection 50 ;;
    heartbeat-messaging) "$b/heartbeat_bench" messaging ;;
    heartbeat-footprint) "$b/heartbeat_bench" footprint 2 60 ;;
    heartbeat-footprint-16) "$b/heartbeat_bench" footprint 16 60 ;;
    heartbeat-false-deaths) "$b/heartbeat_bench" false-deaths 600 ;;
    crmd-failover) "$b/crmd_failover_bench" 20 5 ;;
    # 1,000 Dummy resources, 10 s monitors, 2 minutes: lateness p99 <= 100 ms (issue 5).
    lrmd-lateness) build/release/tests/lrmd/lrmd_integration_test "[scale]" --success ;;
    # 1,000 status updates on a small CIB (whole stack), then on the 16 x 1,000 CIB (issue 4).
    cib-replication) "$b/cib_replication_bench" 1000 && "$b/cib_replication_bench" 1000 16 1000 ;;
    stack-failover) "$b/stack_bench" failover 20 ;;
    stack-coldstart) "$b/stack_bench" coldstart 5 ;;
    stack-footprint) "$b/stack_bench" footprint 60 ;;
    *) echo "unknown benchmark $1" >&2; return 2 ;;
  esac
}

if (($# == 0)); then
  set -- ipc heartbeat-detection heartbeat-messaging heartbeat-footprint heartbeat-footprint-16 crmd-failover stack-failover stack-coldstart stack-footprint lrmd-lateness cib-replication
fi
status=0
for name in "$@"; do run "$name" || status=1; done
exit $status
