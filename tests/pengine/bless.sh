#!/usr/bin/env bash
# Re-bless the golden policy-engine cases: regenerate every tests/pengine/<case>/expected.summary
# from the reference Pacemaker 2.1.5 crm_simulate (fetched into the build tree if missing).
# Usage: tests/pengine/bless.sh [BUILD_DIR]   (default: build/dev)
# The shared scenarios (shared/fixtures/scenarios) are read-only and are not touched.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/dev}
script=$root/scripts/reference-pacemaker.sh
refdir=$build/reference-pacemaker
[[ -d "$refdir/root" ]] || "$script" fetch "$refdir"
changed=0
for input in "$here"/*/input.xml; do
  case_dir=$(dirname "$input")
  new=$("$script" run "$refdir" crm_simulate -x "$input" -S | sed -n '/^Transition Summary:/,/^$/p')
  printf '%s\n\n' "$new" > "$case_dir/expected.summary.new"
  if ! cmp -s "$case_dir/expected.summary.new" "$case_dir/expected.summary" 2>/dev/null; then
    echo "updated: $(basename "$case_dir")"
    changed=$((changed + 1))
  fi
  mv "$case_dir/expected.summary.new" "$case_dir/expected.summary"
done
echo "$changed case(s) changed"
