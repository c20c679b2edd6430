#!/usr/bin/env bash
# crm_simulate's injections against the reference's: for each case of CASES (injections.txt),
# both tools run on the same input with the same -u/-d/-f/-i/-F arguments and must print the same
# "Performing Requested Modifications", "Transition Summary", failure lines and "Revised Cluster
# Status" (timestamps and action numbers masked), draw the same dot graph (-D: the actions in the
# graph and the orderings between them) and save the same status (-O, as status_facts.py reads it).
# Usage: check_injections.sh CRM_SIMULATE REFERENCE_SCRIPT REFERENCE_DIR SCENARIOS_DIR GOLDEN_DIR CASES
set -uo pipefail
sim=$1 ref_script=$2 ref_dir=$3 scenarios=$4 golden=$5 cases=$6
here=$(dirname "$0")

blocks() {
  sed -n '/^Performing Requested Modifications:/,/^$/p;/^Transition Summary:/,/^$/p;/^Pretending action/,/^$/p;/^Revised Cluster Status:/,$p' |
    sed -E 's/(last-failure-[^=]*)=[0-9]+/\1=TIME/; s/^Pretending action [0-9]+/Pretending action N/'
}
in_graph() { grep -E 'color="green"|style = bold' "$1" | sort; }

failed=0 count=0
while IFS='|' read -r input args; do
  [[ -z "$input" || "$input" == \#* ]] && continue
  case "$input" in
    shared:*) file="$scenarios/${input#shared:}" ;;
    golden:*) file="$golden/${input#golden:}/input.xml" ;;
    *) echo "FAIL: $cases: bad input '$input'" >&2; exit 1 ;;
  esac
  count=$((count + 1))
  tmp=$(mktemp -d)
  # shellcheck disable=SC2086  # the arguments are words
  ours=$("$sim" -x "$file" $args -D "$tmp/ours.dot" -O "$tmp/ours.xml" 2>&1 | blocks)
  # shellcheck disable=SC2086
  theirs=$("$ref_script" run "$ref_dir" crm_simulate -x "$file" $args -D "$tmp/ref.dot" -O "$tmp/ref.xml" 2>/dev/null | blocks)
  if [[ -z "$theirs" || ! -s "$tmp/ref.dot" || ! -s "$tmp/ref.xml" ]]; then
    echo "FAIL: $input $args: the reference produced no output" >&2; failed=1
  elif [[ "$ours" != "$theirs" ]]; then
    echo "FAIL: $input $args: output differs (- reference, + pacer)" >&2
    diff <(echo "$theirs") <(echo "$ours") >&2; failed=1
  elif ! diff <(in_graph "$tmp/ref.dot") <(in_graph "$tmp/ours.dot") >&2; then
    echo "FAIL: $input $args: -D graph differs (< reference, > pacer)" >&2; failed=1
  elif ! diff <(python3 "$here/status_facts.py" "$tmp/ref.xml") <(python3 "$here/status_facts.py" "$tmp/ours.xml") >&2; then
    echo "FAIL: $input $args: -O status differs (< reference, > pacer)" >&2; failed=1
  else
    echo "ok: $input $args"
  fi
  rm -rf "$tmp"
done < "$cases"
((count > 0)) || { echo "FAIL: no cases in $cases" >&2; exit 1; }
exit $failed
