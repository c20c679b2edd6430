#!/usr/bin/env bash
# Seed demo 3: PostgreSQL is killed on the active node -> its monitor says `does not work. (rc=7)`
# -> fail-count 1 = migration-threshold -> grpPg moves. Standby of the new active node then does
# NOT bring PostgreSQL back (the old node is banned for prmPg: prmPg stays stopped) until
# `crm resource cleanup prmPg pm1`; then `crm node online`, and grpPg stays.
source "$(dirname "$0")/harness.sh"
members_on_pm1_pg_stopped() {
  local out; out=$(mon) || return 1
  grep -Eq '^ +prmPg[[:space:]]+\(ocf::heartbeat:pgsql\):[[:space:]]+Stopped *$' <<<"$out" || return 1
  local r
  for r in prmEx prmFs prmIp; do
    grep -Eq "^ +$r[[:space:]]+\(ocf::heartbeat:[A-Za-z0-9]+\):[[:space:]]+Started pm1\$" <<<"$out" || return 1
  done
}
demo_up
writer_start
detectors_start
wait_until 10 "grpPg on pm1" group_on pm1

t0=$SECONDS
say "killing PostgreSQL's postmaster on pm1"
on pm1 'kill -9 $(head -1 /var/lib/pgsql/data/postmaster.pid)'
wait_until 20 "fail-count 1 on pm1" mon_has '^   prmPg: migration-threshold=1 fail-count=1$'
expect_mon '^    prmPg_monitor_2000 \(node=pm1, call=[0-9]+, rc=7, status=complete\): not running$'
wait_until 60 "grpPg moved to pm2" group_on pm2
wait_until 30 "the client reaching PostgreSQL again" vip_serves
say "fail-over: client served again $((SECONDS - t0))s after the kill"
expect_logconv pm1 "ERROR: Resource prmPg does not work. (rc=7)"
d=$(dc)
expect_logconv "$d" "ERROR: Start to fail-over."
expect_logconv "$d" "info: Resource prmPg : Move pm1 -> pm2"
expect_logconv "$d" "info: fail-over succeeded."
writer_check

say "crm node standby pm2: grpPg must not go back to pm1"
on "$(dc)" 'crm node standby pm2'
wait_until 30 "pm2 in standby" mon_has '^Node pm2 \(.*\): standby$'
# prmPg may run nowhere (pm2 standby, pm1 banned by its fail-count). As Pacemaker 2.1.5's
# crm_simulate decides for the same CIB (checked on this test's pe-inputs), the members before it
# move to pm1 and prmPg stays stopped: the service does not come back.
wait_until 60 "prmEx, prmFs, prmIp on pm1, prmPg stopped" members_on_pm1_pg_stopped
stays 6 "PostgreSQL stays stopped (prmPg's fail-count on pm1)" members_on_pm1_pg_stopped
vip_serves && fail "PostgreSQL answers through the VIP while prmPg should be stopped"
expect_mon '^   prmPg: migration-threshold=1 fail-count=1$'

say "crm resource cleanup prmPg pm1"
on "$(dc)" 'crm resource cleanup prmPg pm1'
wait_until 60 "grpPg started on pm1" group_on pm1
mon_lacks 'fail-count=' || fail "the fail-count is still shown after the cleanup"
writer_check

say "crm node online pm2"
on "$(dc)" 'crm node online pm2'
wait_until 30 "both nodes online" mon_has '^Online: \[ pm1 pm2 \]$'
stays 6 "grpPg stays on pm1" group_on pm1
writer_check
detectors_check
passed
