#!/usr/bin/env bash
# Re-bless the golden policy-engine cases from the reference Pacemaker 2.1.5 crm_simulate
# (fetched into the build tree if missing): for every tests/pengine/<case>/input.xml writes
# expected.summary, expected.graph and expected.scores; for the shared demo scenarios (read-only
# in shared/fixtures/scenarios) writes tests/pengine/scenarios/<name>.graph and .scores (their
# .summary files are the seed's and are not touched). Review the diff before committing.
# Usage: tests/pengine/bless.sh [BUILD_DIR] [CASE...]   (default build dir: build/dev)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/dev}
shift || true
script=$root/scripts/reference-pacemaker.sh
refdir=$build/reference-pacemaker
[[ -d "$refdir/root" ]] || "$script" fetch "$refdir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
changed=0
bless_one() {  # input, expected prefix, kinds to write
  local input=$1 prefix=$2; shift 2
  "$here/reference_outputs.sh" "$script" "$refdir" "$input" "$tmp/ref"
  for kind in "$@"; do
    if ! cmp -s "$tmp/ref.$kind" "$prefix.$kind" 2>/dev/null; then
      echo "updated: $prefix.$kind"
      changed=$((changed + 1))
      cp "$tmp/ref.$kind" "$prefix.$kind"
    fi
  done
}
if [[ $# -gt 0 ]]; then cases=("$@"); else cases=("$here"/*/input.xml); cases=("${cases[@]%/input.xml}"); fi
for case_dir in "${cases[@]}"; do
  [[ "$case_dir" == /* ]] || case_dir=$here/$case_dir
  bless_one "$case_dir/input.xml" "$case_dir/expected" summary graph scores
done
if [[ $# -eq 0 ]]; then
  mkdir -p "$here/scenarios"
  for input in "$root"/../shared/fixtures/scenarios/*.xml; do
    bless_one "$input" "$here/scenarios/$(basename "$input" .xml)" graph scores
  done
fi
echo "$changed file(s) changed"
