#!/usr/bin/env bash
# Differential test: the reference Pacemaker 2.1.5 crm_simulate still produces the committed
# expected files for INPUT (summary, and graph/scores where committed), so golden files cannot
# drift from the answer key unnoticed.
# Usage: check_reference.sh REFERENCE_SCRIPT REFERENCE_DIR INPUT.xml EXPECTED_PREFIX...
#   (each PREFIX.summary, .graph, .scores that exists is compared)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
script=$1 dir=$2 input=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/reference_outputs.sh" "$script" "$dir" "$input" "$tmp/ref"
status=0
for expected in "$@"; do for kind in summary graph scores; do
  [[ -f "$expected.$kind" ]] || continue
  if ! cmp -s "$expected.$kind" "$tmp/ref.$kind"; then
    echo "FAIL: reference $kind for $input differs from $expected.$kind (- committed, + reference)" >&2
    diff -u "$expected.$kind" "$tmp/ref.$kind" >&2 || true
    status=1
  fi
done; done
[[ $status == 0 ]] && echo "reference agrees: $input"
exit $status
