#!/usr/bin/env bash
# Differential test: the reference Pacemaker 2.1.5 crm_simulate still produces the committed
# expected summary for INPUT (so a golden file cannot drift from the answer key unnoticed).
# Usage: check_reference.sh REFERENCE_SCRIPT REFERENCE_DIR INPUT.xml EXPECTED.summary
set -euo pipefail
script=$1 dir=$2 input=$3 expected=$4
actual=$("$script" run "$dir" crm_simulate -x "$input" -S | sed -n '/^Transition Summary:/,/^$/p')
if [[ "$actual" != "$(cat "$expected")" ]]; then
  echo "FAIL: reference summary for $input differs from $expected (- committed, + reference)" >&2
  diff -u <(cat "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
echo "reference agrees: $input"
