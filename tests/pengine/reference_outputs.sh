#!/usr/bin/env bash
# The reference's answers for one input, in the committed forms: writes OUT_PREFIX.summary
# (Transition Summary block), OUT_PREFIX.graph (normalized graph) and OUT_PREFIX.scores
# (allocation score lines). Shared by bless.sh and check_reference.sh.
# Usage: reference_outputs.sh REFERENCE_SCRIPT REFERENCE_DIR INPUT.xml OUT_PREFIX
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
script=$1 dir=$2 input=$3 out=$4
summary=$("$script" run "$dir" crm_simulate -x "$input" -S -G "$out.graph.xml" |
  sed -n '/^Transition Summary:/,/^$/p')
printf '%s\n\n' "$summary" > "$out.summary"
python3 "$here/graph_edges.py" "$out.graph.xml" > "$out.graph"
rm -f "$out.graph.xml"
# -s changes the reference's output format; the score lines are the same either way.
"$script" run "$dir" crm_simulate -x "$input" -s | grep '^pcmk__' > "$out.scores" || true
