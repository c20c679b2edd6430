#!/usr/bin/env bash
# Seed demo 5, split brain: both interconnects (eth1, eth2) are cut while the service LAN stays up.
# Each side loses the other and fences it with the seed's chain. pm1 holds grpPg (prmEx), so its
# stonith-helper finds pm2 alive (eth0 answers), skips the standby wait and gives up at once, and
# the sandbox switch resets pm2; pm2's helper, on the standby side, waits standby_wait_time first
# and pm2 is gone before it ends. The survivor is pm1 and grpPg never moves (its postmaster is the
# same process throughout). pm2 boots, the links come back, heartbeat is started on pm2 and the
# cluster is one membership again.
source "$(dirname "$0")/harness.sh"
postmaster() { on pm1 'head -1 /var/lib/pgsql/data/postmaster.pid'; }
# grpPg is where it was, as the nodes themselves see it (crm_mon would need a DC, which a partition
# may be electing): pm1 runs the same postmaster and holds the VIP; pm2 runs no postgres.
held_by_pm1() {
  [[ "$(on pm1 'head -1 /var/lib/pgsql/data/postmaster.pid')" == "$pg" ]] &&
    on pm1 "kill -0 $pg && ip -o addr show dev eth0 | grep -q ' $vip/'" &&
    ! on pm2 'pgrep -x postgres'
}
pm1_shot_pm2() { halog_has pm1 "Succeeded to STONITH the node pm2: optype=RESET. whodoit: pm1"; }
one_membership() {
  node_back pm2 && [[ "$(on pm1 'crmadmin -D -q')" == "$(on pm2 'crmadmin -D -q')" ]] &&
    on pm2 'crm_mon -1' | grep -q '^Online: \[ pm1 pm2 \]$'
}

demo_up
writer_start
detectors_start
wait_until 10 "grpPg on pm1" group_on pm1
wait_until 30 "the STONITH groups placed and registered (pm1's devices on pm2, pm2's on pm1)" stonith_ready
pg=$(postmaster)
b1=$(boots pm1)
b2=$(boots pm2)
say "DC before the cut: $(dc); pm1's postmaster: $pg"

t0=$SECONDS
say "cutting both interconnects (eth1, eth2): split brain"
sb link cut eth1
sb link cut eth2
# Until pm1's stonithd reports pm2 fenced, grpPg must stay exactly where it was.
end=$((SECONDS + 40))
until pm1_shot_pm2; do
  held_by_pm1 || fail "grpPg is no longer held by pm1 (postmaster $pg, VIP) during the split brain"
  ((SECONDS < end)) || fail "pm1 did not fence pm2 within 40s"
  sleep 0.5
done
say "ok after $((SECONDS - t0))s: pm1 fenced pm2"
expect_halog pm1 "pm2 is alive: a dead check target answered."
expect_halog pm1 "this node is the active one: no standby wait."
expect_halog pm1 "failed to STONITH node pm2 with local device prmStonith2-1 (exitcode 5), gonna try the next local device"
expect_halog pm1 "sending fencing op RESET for pm2 to prmStonith2-2 (external/sandbox)"
expect_logconv pm1 "ERROR: Failed to STONITH the Node pm2 with one local device (exitcode=5). Will try to use the next local device."
expect_logconv pm1 "info: Succeeded to STONITH (RESET) the Node pm2 by Node pm1."
wait_until 20 "pm2 reset by the switch (booted again)" rebooted pm2 "$b2"
[[ "$(boots pm1)" == "$b1" ]] || fail "pm1, the survivor, was reset too"
# pm2's ha-log persists across its reset: as the standby side it may have started its own attempt
# on pm1, but only to wait; it never shot.
! halog_has pm2 "Succeeded to STONITH the node pm1" || fail "pm2 fenced pm1"
! halog_has pm2 "this node is the active one" || fail "pm2's helper took itself for the active node"
! halog_has pm2 "sending fencing op RESET for pm1 to prmStonith1-2" || fail "pm2 reached pm1's power switch"
if halog_has pm2 "this node is standby: waiting 5 seconds."; then
  say "ha-log pm2: this node is standby: waiting 5 seconds. (reset before the wait ended)"
else
  say "pm2 was reset before its own fencing of pm1 reached stonith-helper"
fi
expect_mon '^Online: \[ pm1 \]$'
expect_mon '^OFFLINE: \[ pm2 \]$'
expect_logconv pm1 "WARN: Node pm2 is lost."
group_on pm1 || fail "grpPg is not on pm1 after the split brain"
held_by_pm1 || fail "pm1's postmaster changed"
writer_check
stays 3 "grpPg stays on pm1 (same postmaster), pm2 down" held_by_pm1

say "restoring the interconnects; heartbeat started on pm2"
sb link restore eth1
sb link restore eth2
start_stack pm2
wait_until 40 "one membership: pm2 back, both nodes agree on the DC, crm_mon on pm2 shows both online" one_membership
say "DC: $(dc)"
group_on pm1 || fail "grpPg moved when pm2 rejoined"
held_by_pm1 || fail "pm1's postmaster changed when pm2 rejoined"
stays 4 "grpPg stays on pm1" group_on pm1
writer_check
detectors_check
passed
