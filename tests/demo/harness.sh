# Shared harness of the demo scenario tests (sourced by tests/demo/scenario_*.sh): brings the seed's
# demo cluster up with scripts/demo.sh in a sandbox of the test's own, runs a client that commits
# numbered rows to PostgreSQL through the VIP, samples the double-active detectors in the
# background, and takes everything down on exit, also on failure (with the logs printed).
#
# Needs: PACER_BUILD_DIR (the build tree whose stage demo.sh installs), root.
set -euo pipefail

demo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
demo_build=$(realpath "${PACER_BUILD_DIR:?PACER_BUILD_DIR must name the build tree}")
demo_name="dt$$"
demo_tmp=$(mktemp -d "/tmp/pacer-demo-test.XXXXXX")
export SANDBOX_CLI=$demo_build/tests/sandbox/sandbox-cli
readonly vip=198.19.0.100
detector_pid=
test_start=$SECONDS
failed=1

sb() { "$demo_root/tests/sandbox/sandbox" --name "$demo_name" "$@"; }
on() { local node=$1; shift; sb exec "$node" sh -c "$*"; }
say() { printf '%s [%3ds] %s\n' "$(date +%T.%3N)" $((SECONDS - test_start)) "$*"; }

dump_state() {
  local node
  echo "===== state at failure"
  for node in pm1 pm2; do
    echo "----- $node: crm_mon -fA1"; on "$node" 'crm_mon -fA1' 2>&1 || true
    echo "----- $node: pm_logconv.out"; on "$node" 'cat /var/log/pm_logconv.out' 2>&1 || true
    echo "----- $node: ha-log (warnings and errors, last 60)"
    on "$node" "grep -E 'WARN|ERROR|CRIT' /var/log/ha-log | tail -60" 2>&1 || true
    echo "----- $node: ha-log (fencing, last 20)"
    on "$node" "grep -E 'stonithd|stonith-helper|external/sandbox|te_fence_node' /var/log/ha-log | tail -20" 2>&1 || true
  done
  echo "----- client writer"; on client 'tail -5 /tmp/writer.log; wc -l /tmp/acked' 2>&1 || true
  echo "----- detectors"; cat "$demo_tmp/violations" 2>/dev/null || true
}

finish() {
  local rc=$?
  if [[ -n "$detector_pid" ]]; then
    kill "$detector_pid" 2>/dev/null || true
    wait "$detector_pid" 2>/dev/null || true
  fi
  if ((rc != 0 || failed)); then dump_state; fi
  if [[ -n "${PACER_DEMO_KEEP:-}" ]]; then
    say "PACER_DEMO_KEEP: sandbox $demo_name stays up (tests/sandbox/sandbox --name $demo_name down)"
  else
    sb down >/dev/null 2>&1 || true
  fi
  rm -rf "$demo_tmp"
  say "done (rc=$rc)"
}
trap finish EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# within SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s; fails the test on timeout;
# sets `took` (seconds).
within() {
  local limit=$1 what=$2; shift 2
  local end=$((SECONDS + limit)) started=$SECONDS
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < end)) || fail "not within ${limit}s: $what"
    sleep 0.5
  done
  took=$((SECONDS - started))
}

# wait_until SECONDS DESCRIPTION COMMAND...: within, and says how long it took.
wait_until() {
  within "$@"
  say "ok after ${took}s: $2"
}

# stays SECONDS DESCRIPTION COMMAND...: COMMAND holds at every poll for SECONDS.
stays() {
  local limit=$1 what=$2; shift 2
  local end=$((SECONDS + limit))
  while ((SECONDS < end)); do
    "$@" >/dev/null 2>&1 || fail "no longer true: $what"
    sleep 0.5
  done
  say "ok for ${limit}s: $what"
}

# ---- the cluster

demo_up() {
  say "bringing the demo cluster up (sandbox $demo_name)"
  PACER_BUILD_DIR=$demo_build PACER_DEMO_NO_BUILD=1 PACER_DEMO_NAME=$demo_name PACER_DEMO_QUIET=1 \
    "$demo_root/scripts/demo.sh" > "$demo_tmp/demo.out" 2>&1 || { cat "$demo_tmp/demo.out"; fail "demo.sh up"; }
  say "demo cluster up"
}

dc() { on pm1 'crmadmin -D -q' 2>/dev/null || on pm2 'crmadmin -D -q'; }
# crm_mon -fA1 as the DC sees it.
mon() { on "$(dc)" 'crm_mon -fA1'; }
# mon_has REGEX: a line of crm_mon -fA1 matches (tabs in crm_mon's lines are matched by [[:space:]]).
mon_has() { mon | grep -Eq -- "$1"; }
mon_lacks() { ! mon_has "$1"; }
# node_attr_line NODE NAME: NODE's "+ NAME : value [: note]" line of crm_mon -fA1, blanks squeezed
# ("+ default_ping_set : 0 : Connectivity is lost").
node_attr_line() {
  mon | awk -v node="* Node $1:" -v name="$2" '
    /^\* Node / { here = ($0 == node) } /^[^ *]/ { here = 0 }
    here && $2 == name { $1 = $1; print }'
}
# node_attr_is NODE NAME 'VALUE[ : note]'
node_attr_is() { [[ "$(node_attr_line "$1" "$2")" == "+ $2 : $3" ]]; }
# Where prmPg runs ("" when stopped).
active() { on "$(dc)" 'crm_resource -W -r prmPg' 2>/dev/null | sed -n 's/.*is running on: \(pm[12]\).*/\1/p'; }
is_active() { [[ "$(active)" == "$1" ]]; }
# The whole group is started on NODE and nowhere else.
group_on() {
  local out; out=$(mon) || return 1
  local r
  for r in prmEx prmFs prmIp prmPg; do
    grep -Eq "^ +$r[[:space:]]+\(ocf::heartbeat:[A-Za-z0-9]+\):[[:space:]]+Started $1\$" <<<"$out" || return 1
  done
}
group_stopped() { ! mon | grep -Eq '^ +prm(Ex|Fs|Ip|Pg)[[:space:]].*Started'; }
# logconv_has NODE TEXT: pm_logconv.out on NODE has a line ending in TEXT (fixed string).
logconv_has() { on "$1" 'cat /var/log/pm_logconv.out' | grep -Fq -- "$2"; }
# expect_logconv NODE TEXT: the line shows up within 10 s (pm_logconv follows ha-log; the fail-over
# summary is printed when the DC's transition ends).
expect_logconv() { wait_until 10 "pm_logconv $1: $2" logconv_has "$1" "$2"; }
expect_mon() { mon_has "$1" || fail "crm_mon -fA1 lacks /$1/"; say "crm_mon: /$1/"; }
# halog_has NODE TEXT: NODE's /var/log/ha-log (it survives a reset) has TEXT (fixed string).
halog_has() { on "$1" 'cat /var/log/ha-log' | grep -Fq -- "$2"; }
expect_halog() { halog_has "$1" "$2" || fail "$1's ha-log lacks: $2"; say "ha-log $1: $2"; }

# ---- nodes: boots, reboots, rejoins

# boots NODE: how many times the sandbox booted NODE (1 at the start).
boots() { sb status | awk -v n="$1" '$1 == n { for (i = 1; i <= NF; i++) if ($i ~ /^boots=/) print substr($i, 7) }'; }
rebooted() { [[ "$(boots "$1")" -gt "$2" ]]; }
# NODE rebooted, runs heartbeatd, its crmd joined (S_NOT_DC or the DC's S_IDLE), the DC is idle,
# the clones run on both nodes and both nodes' attributes are back.
node_back() {
  on "$1" 'test -e /run/sandbox-boot && pgrep -f "heartbeatd: master control process" >/dev/null' 2>/dev/null || return 1
  on "$1" "crmadmin -S $1" 2>/dev/null | grep -Eq 'S_NOT_DC|S_IDLE' || return 1
  local d; d=$(dc) || return 1
  on "$d" "crmadmin -S $d" 2>/dev/null | grep -q S_IDLE || return 1
  mon_has '^Online: \[ pm1 pm2 \]$' && [[ $(mon | grep -c '^     Started: \[ pm1 pm2 \]$') == 3 ]] &&
    node_attr_is pm1 default_ping_set 100 && node_attr_is pm2 default_ping_set 100
}
# A node reset or rebooted comes up with nothing running (the sandbox has no init scripts): start
# what the seed's inittab and rc scripts would (pm_logconv, heartbeat).
start_stack() { on "$1" 'pm_logconv -d && /usr/libexec/pacer/heartbeatd'; }

# ---- STONITH (demo.sh loads tests/demo/stonith.crm)

# Each node's devices run on its peer (grpStonith1 fences pm1 from pm2) and are registered there.
stonith_ready() {
  local out; out=$(mon) || return 1
  local g n r
  for g in 1 2; do
    n=$((3 - g))
    for r in "prmStonith$g-1" "prmStonith$g-2" "prmStonith$g-3"; do
      grep -Eq "^ +$r[[:space:]]+\(stonith:[a-z/-]+\):[[:space:]]+Started pm$n\$" <<<"$out" || return 1
    done
    on "pm$n" "stonith_admin -l pm$g" | grep -q '^3 fence devices' || return 1
  done
}

# ---- the client: numbered rows committed through the VIP

sql() { on client "psql -h $vip -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 -c \"$1\""; }
vip_serves() { sql "select 1" 2>/dev/null | grep -qx 1; }

writer_start() {
  sql 'create table if not exists rows (n integer primary key, at timestamptz default now())' >/dev/null
  on client 'cat > /tmp/writer.sh' <<WRITER
#!/bin/sh
# Commits row i (1, 2, ...) through the VIP; a row is acknowledged when psql exits 0 (committed).
i=0
while [ ! -e /tmp/writer.stop ]; do
  i=\$((i + 1))
  while [ ! -e /tmp/writer.stop ]; do
    if PGCONNECT_TIMEOUT=1 timeout 5 psql -h $vip -U postgres -d postgres -qAt \
         -c "insert into rows (n) values (\$i) on conflict do nothing" >/dev/null 2>>/tmp/writer.log; then
      echo "\$i \$(date +%s%3N)" >> /tmp/acked
      break
    fi
    sleep 0.2
  done
  sleep 0.1
done
WRITER
  on client ': > /tmp/acked; setsid sh /tmp/writer.sh </dev/null >/dev/null 2>&1 &'
  wait_until 20 "the client's first acknowledged row" on client 'test -s /tmp/acked'
}

# Every row the client saw acknowledged is in the table (read through the VIP).
writer_check() {
  local acked present missing gap
  wait_until 30 "the VIP serving PostgreSQL" vip_serves
  on client 'sort -n /tmp/acked > /tmp/acked.sorted'
  on client 'cat /tmp/acked.sorted' > "$demo_tmp/acked"
  acked=$(wc -l < "$demo_tmp/acked")
  sql 'select n from rows order by n' > "$demo_tmp/present"
  present=$(wc -l < "$demo_tmp/present")
  missing=$(comm -23 <(cut -d' ' -f1 "$demo_tmp/acked" | sort) <(sort "$demo_tmp/present") | wc -l)
  ((missing == 0)) || fail "$missing acknowledged row(s) missing from PostgreSQL"
  ((acked > 0)) || fail "no row acknowledged"
  # The client-visible downtime so far: the longest wait between two acknowledged rows (the
  # client retries every 0.2 s, each try bounded by a 1 s connect timeout).
  gap=$(awk 'NR > 1 && $2 - last > max { max = $2 - last } { last = $2 } END { print max + 0 }' "$demo_tmp/acked")
  say "client: longest gap between acknowledged rows so far ${gap} ms"
  say "client: all $acked acknowledged rows present ($present in the table)"
}

# ---- double-active detectors, sampled in the background from the host for the whole test

detectors_start() {
  : > "$demo_tmp/violations"
  (
    while :; do
      mounts=0 postmasters=0
      for node in pm1 pm2; do
        m=$(sb exec "$node" sh -c "grep -c ' /var/lib/pgsql ' /proc/self/mountinfo" 2>/dev/null || true)
        ((${m:-0} > 0)) && mounts=$((mounts + 1))
        p=$(sb exec "$node" sh -c 'pgrep -x postgres | wc -l' 2>/dev/null || true)
        ((${p:-0} > 0)) && postmasters=$((postmasters + 1))
      done
      macs=$(sb exec client sh -c "arping -I eth0 -c 2 -w 2 $vip 2>/dev/null | grep -o '\\[[0-9A-Fa-f:]*\\]' | sort -u | wc -l" 2>/dev/null || echo 0)
      ts=$(date +%T.%3N)
      ((mounts <= 1)) || echo "$ts shared fs mounted on $mounts nodes" >> "$demo_tmp/violations"
      ((postmasters <= 1)) || echo "$ts postgres running on $postmasters nodes" >> "$demo_tmp/violations"
      ((${macs:-0} <= 1)) || echo "$ts the VIP answered ARP from $macs MACs" >> "$demo_tmp/violations"
      echo "$ts" > "$demo_tmp/samples.last"
      echo x >> "$demo_tmp/samples"
      sleep 0.3
    done
  ) &
  detector_pid=$!
}

detectors_check() {
  local n; n=$(wc -l < "$demo_tmp/samples" 2>/dev/null || echo 0)
  ((n >= 3)) || fail "the detectors took only $n samples"
  [[ ! -s "$demo_tmp/violations" ]] || fail "double-active: $(head -3 "$demo_tmp/violations")"
  say "detectors: $n samples, no double-active moment (shared fs, postgres, VIP's MAC)"
}

passed() {
  failed=0
  say "PASS"
}
