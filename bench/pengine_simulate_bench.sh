#!/usr/bin/env bash
# pengine benchmark: pacer's crm_simulate against the reference Pacemaker 2.1.5's on the same
# generated CIBs (tests/pengine/gen_cib.py, schema pacemaker-3.0 so the reference needs no XSLT
# upgrade), nodes x resources 2x10, 16x200, 16x1000, 32x2000, 64x5000. Prints wall time and peak
# RSS of both, the ratio, and whether the Transition Summaries are identical. The reference is
# capped at 600 s (it runs past 5 minutes at 64x5000); -S (simulated execution) is measured for
# the sizes listed in SIMULATE_SIZES.
# Usage: bench/pengine_simulate_bench.sh [BUILD_DIR] [SEED]   (BUILD_DIR defaults to build/rel)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/rel}
seed=${2:-7}
sim=$build/pengine/crm_simulate
refdir=$root/build/dev/reference-pacemaker
ref=("$root/scripts/reference-pacemaker.sh" run "$refdir" crm_simulate)
sizes=${SIZES:-"2x10 16x200 16x1000 32x2000 64x5000"}
simulate_sizes=${SIMULATE_SIZES:-"2x10 16x200"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # label, output file, command... -> "seconds kilobytes" (or "timeout")
  local out=$1; shift
  if /usr/bin/time -f "%e %M" -o "$work/time" timeout 600 "$@" > "$out" 2>/dev/null; then
    cat "$work/time"
  else
    echo "timeout -"
  fi
}
summary() { sed -n '/^Transition Summary:/,/^$/p' "$1"; }

printf '%-8s %-3s %10s %10s %10s %10s %8s %s\n' size mode pacer_s pacer_MB ref_s ref_MB ratio summaries
for size in $sizes; do
  nodes=${size%x*} resources=${size#*x}
  cib=$work/cib-$size.xml
  python3 "$root/tests/pengine/gen_cib.py" "$seed" --nodes "$nodes" --resources "$resources" > "$cib"
  for mode in R S; do
    [[ $mode == S && " $simulate_sizes " != *" $size "* ]] && continue
    read -r ps pk < <(measure "$work/pacer.out" "$sim" -x "$cib" -$mode)
    read -r rs rk < <(measure "$work/ref.out" "${ref[@]}" -x "$cib" -$mode)
    same=differ
    [[ $rs != timeout ]] && cmp -s <(summary "$work/pacer.out") <(summary "$work/ref.out") && same=identical
    [[ $rs == timeout ]] && same="reference timed out"
    ratio=-
    [[ $rs != timeout ]] && ratio=$(awk -v r="$rs" -v p="$ps" 'BEGIN { printf "%.1fx", r / (p > 0.005 ? p : 0.005) }')
    printf '%-8s -%-2s %10s %10s %10s %10s %8s %s\n' "$size" "$mode" "$ps" "$((pk / 1024))" "$rs" \
      "$([[ $rk == - ]] && echo - || echo $((rk / 1024)))" "$ratio" "$same"
  done
done
