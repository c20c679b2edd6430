#!/usr/bin/env bash
# Differential test: pacer's cibadmin and crm_verify against the reference Pacemaker's, both with
# CIB_file on copies of the same fixture. Compared where the outputs are comparable: exit codes
# always, standard output of queries, and after an update a query of what it changed (the files
# themselves differ: the reference stamps its own attributes on write).
#
#   differential.sh PACER_BIN_DIR REFERENCE_SCRIPT REFERENCE_DIR FIXTURES_DIR
set -uo pipefail
bin=$1 ref_script=$2 ref_dir=$3 fixtures=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
demo=$fixtures/osc2011-tokyo-spring-demo.cib.xml
running=$fixtures/scenarios/running.xml
failures=0 cases=0

ref() { CIB_file=$work/ref.xml "$ref_script" run "$ref_dir" "$@"; }
ours() { local tool=$1; shift; CIB_file=$work/our.xml "$bin/$tool" "$@"; }

# check FIXTURE UPDATE_ARGS... [-- QUERY_ARGS...]: runs the update (or query) with both tools on
# fresh copies, compares exit codes and stdout, then runs the follow-up query on each and compares.
check() {
  local fixture=$1; shift
  local update=() query=()
  while [[ $# -gt 0 && $1 != -- ]]; do update+=("$1"); shift; done
  [[ $# -gt 0 ]] && { shift; query=("$@"); }
  cp "$fixture" "$work/ref.xml"; cp "$fixture" "$work/our.xml"
  ref cibadmin "${update[@]}" >"$work/r1" 2>/dev/null; local rr=$?
  ours cibadmin "${update[@]}" >"$work/o1" 2>/dev/null; local ro=$?
  cases=$((cases + 1))
  if [[ $rr != "$ro" ]] || ! cmp -s "$work/r1" "$work/o1"; then
    echo "DIFF cibadmin ${update[*]}: exit $rr (reference) vs $ro (pacer)"; diff "$work/r1" "$work/o1" | head -10
    failures=$((failures + 1)); return
  fi
  if [[ ${#query[@]} -gt 0 ]]; then
    ref cibadmin "${query[@]}" >"$work/r2" 2>/dev/null; rr=$?
    ours cibadmin "${query[@]}" >"$work/o2" 2>/dev/null; ro=$?
    if [[ $rr != "$ro" ]] || ! cmp -s "$work/r2" "$work/o2"; then
      echo "DIFF after cibadmin ${update[*]}: cibadmin ${query[*]}: exit $rr vs $ro"; diff "$work/r2" "$work/o2" | head -10
      failures=$((failures + 1)); return
    fi
  fi
  echo "same: cibadmin ${update[*]}${query:+ then ${query[*]}} (exit $rr)"
}

verify() {
  local file=$1; shift
  "$ref_script" run "$ref_dir" crm_verify "$@" -x "$file" >/dev/null 2>&1; local rr=$?
  "$bin/crm_verify" "$@" -x "$file" >/dev/null 2>&1; local ro=$?
  cases=$((cases + 1))
  if [[ $rr != "$ro" ]]; then echo "DIFF crm_verify -x $(basename "$file"): exit $rr vs $ro"; failures=$((failures + 1));
  else echo "same: crm_verify $* -x $(basename "$file") (exit $rr)"; fi
}

# Queries.
for f in "$demo" "$fixtures"/scenarios/*.xml; do check "$f" -Q; done
check "$running" -Q -o status
check "$running" -Q -o resources
check "$running" --query --scope constraints
check "$running" -Q -o crm_config -n
check "$running" -Q -o nodes
check "$running" -Q -A "//lrm_rsc_op[@rc-code='7']"
check "$running" -Q -A "//primitive[@id='prmPg']"
check "$running" -Q -A "//rsc_defaults//nvpair"
check "$running" -Q -A "//nope"
check "$running" -Q -A "//nvpair["
check "$running" -Q -A "//rsc_defaults" -n

# Updates, then a query of what changed.
check "$demo" -M -X '<nvpair id="rsc-options-migration-threshold" value="value++"/>' -- -Q -A "//nvpair[@id='rsc-options-migration-threshold']"
check "$demo" -M -X '<nvpair id="rsc-options-migration-threshold" value="value+=5"/>' -- -Q -A "//nvpair[@id='rsc-options-migration-threshold']"
check "$demo" -M -X '<nvpair id="cib-bootstrap-options-stonith-enabled" value="false"/>' -- -Q -o crm_config
check "$demo" -M -X '<nvpair id="nosuch" value="1"/>'
check "$demo" -M -X '<node_state id="n1" uname="pm1"/>'
check "$demo" -M -c -o status -X '<node_state id="n1" uname="pm1"/>' -- -Q -o status
check "$demo" -C -o status -X '<node_state id="n2" uname="pm2"/>' -- -Q -o status
check "$demo" -C -o resources -X '<primitive id="prmNew" class="ocf" provider="heartbeat" type="Dummy"/>' -- -Q -A "//primitive[@id='prmNew']"
check "$demo" -C -o resources -X '<primitive id="prmEx" class="ocf" provider="heartbeat" type="Dummy"/>'
check "$demo" -C -o resources -X '<bogus id="x"/>'
check "$demo" -C -o constraints -X '<rsc_location id="l-bad" rsc="grpPg" node="pm1" score="lots"/>'
check "$demo" -C -o constraints -X '<rsc_location id="l-new" rsc="grpPg" node="pm1" score="-INFINITY"/>' -- -Q -o constraints
check "$demo" -D -X '<rsc_order id="rsc_order-clnDiskd2-grpPg-3"/>' -- -Q -o constraints
check "$demo" -D -X '<primitive id="absent"/>'
check "$demo" -D -A "//rsc_order" -- -Q -o constraints
check "$demo" -R -o rsc_defaults -X '<rsc_defaults><meta_attributes id="rsc-options"/></rsc_defaults>' -- -Q -o rsc_defaults
check "$demo" -R -X '<cib epoch="1" admin_epoch="0" num_updates="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>'
check "$demo" -E
check "$demo" -E --force -- -Q -o configuration

# crm_verify.
verify "$demo"
for f in "$fixtures"/scenarios/*.xml; do
  case $(basename "$f") in
    # The reference runs its scheduler too and exits 78 on its warnings ("pm1 is unclean",
    # "stop is unrunnable"); pacer's crm_verify checks the configuration only. Known difference.
    pm1-lost.xml|stop-timeout.xml) echo "known difference (scheduler warnings): crm_verify -x $(basename "$f")" ;;
    *) verify "$f" ;;
  esac
done
sed 's/rsc="grpStonith2"/rsc="nothere"/' "$demo" >"$work/dangling.xml"; verify "$work/dangling.xml"
sed 's/score="200"/score="lots"/' "$demo" >"$work/badscore.xml"; verify "$work/badscore.xml"
sed 's/<group id="grpPg">/<group id="grpPg"><widget id="w"\/>/' "$demo" >"$work/unknown.xml"; verify "$work/unknown.xml"
sed 's/id="prmFs"/id="prmEx"/' "$demo" >"$work/duplicate.xml"; verify "$work/duplicate.xml"

minimal='<cib validate-with="pacemaker-1.0" admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config>OPTIONS</crm_config><nodes/><resources><primitive id="d1" class="ocf" provider="heartbeat" type="Dummy"/>FENCE</resources><constraints/></configuration><status/></cib>'
echo "${minimal/OPTIONS/}" | sed 's/FENCE//' >"$work/nostonith.xml"; verify "$work/nostonith.xml"
echo "${minimal/OPTIONS/<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"no-quorum-policy\" value=\"sometimes\"/></cluster_property_set>}" |
  sed 's#FENCE#<primitive id="f1" class="stonith" type="meatware"/>#' >"$work/badoption.xml"; verify "$work/badoption.xml"
echo "${minimal/OPTIONS/<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set>}" |
  sed 's/FENCE//' >"$work/fine.xml"; verify "$work/fine.xml"

echo "$cases cases, $failures differences"
[[ $failures == 0 ]]
