#!/usr/bin/env bash
# Golden test: the Transition Summary block of `crm_simulate -x INPUT -S` must equal EXPECTED.
# Usage: check_summary.sh CRM_SIMULATE INPUT.xml EXPECTED.summary
set -euo pipefail
sim=$1 input=$2 expected=$3
actual=$("$sim" -x "$input" -S | sed -n '/^Transition Summary:/,/^$/p')
if [[ "$actual" != "$(cat "$expected")" ]]; then
  echo "FAIL: $input: summary differs from $expected (- expected, + pacer)" >&2
  diff -u <(cat "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
echo "ok: $input"
