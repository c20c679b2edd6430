#!/usr/bin/env bash
# The reference crm_simulate runs from its private prefix and reaches the decision recorded in
# shared/fixtures/scenarios/ping-lost.summary, and no Pacemaker package is installed on the system.
set -euo pipefail
script=$1 dir=$2 scenarios=$3

for pkg in pacemaker pacemaker-cli-utils libcrmcommon34 libpe-status28 libpacemaker1 libcib27; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
  if [[ "$status" == "ii "* ]]; then
    echo "FAIL: Debian package $pkg is installed; the reference must stay in its private prefix" >&2
    exit 1
  fi
done
if [[ "$(readlink -f "$dir")" == /usr/* ]]; then
  echo "FAIL: reference prefix $dir is under /usr" >&2; exit 1
fi

actual=$("$script" run "$dir" crm_simulate -x "$scenarios/ping-lost.xml" -S | sed -n '/^Transition Summary:/,/^$/p')
expected=$(cat "$scenarios/ping-lost.summary")
if [[ "$actual" != "$expected" ]]; then
  echo "FAIL: reference crm_simulate summary differs" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
echo "reference crm_simulate reproduces ping-lost.summary"
