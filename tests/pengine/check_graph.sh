#!/usr/bin/env bash
# Golden test: pacer's transition graph (crm_simulate -x INPUT -S -G) reduced to actions plus
# ordering edges (graph_edges.py) must equal EXPECTED, the reference's graph reduced the same way.
# Usage: check_graph.sh CRM_SIMULATE INPUT.xml EXPECTED.graph
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sim=$1 input=$2 expected=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$sim" -x "$input" -S -G "$tmp/graph.xml" > /dev/null
python3 "$here/graph_edges.py" "$tmp/graph.xml" > "$tmp/actual"
if ! cmp -s "$expected" "$tmp/actual"; then
  echo "FAIL: $input: graph differs from $expected (- reference, + pacer)" >&2
  diff -u "$expected" "$tmp/actual" >&2 || true
  exit 1
fi
echo "ok: $input"
