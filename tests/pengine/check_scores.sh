#!/usr/bin/env bash
# Golden test: the allocation score lines of `crm_simulate -x INPUT -s` must equal EXPECTED,
# line for line and in order.
# Usage: check_scores.sh CRM_SIMULATE INPUT.xml EXPECTED.scores
set -euo pipefail
sim=$1 input=$2 expected=$3
actual=$("$sim" -x "$input" -s | grep '^pcmk__' || true)
if [[ "$actual" != "$(cat "$expected")" ]]; then
  echo "FAIL: $input: scores differ from $expected (- expected, + pacer)" >&2
  diff -u "$expected" <(echo "$actual") >&2 || true
  exit 1
fi
echo "ok: $input"
