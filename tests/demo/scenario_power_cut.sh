#!/usr/bin/env bash
# The active node's power cut: pm1, running grpPg, is powered off -> pm2 sees it dead after
# deadtime and fences it first: stonith-helper pings every address of pm1, none answers, "all
# targets are dead." is success and the switch is not used (pm1 stays off). pm2 takes the sfex
# lock once its holder stopped updating it (lock_timeout + collision_timeout) and starts grpPg,
# which stays there.
source "$(dirname "$0")/harness.sh"
demo_up
writer_start
detectors_start
wait_until 10 "grpPg on pm1" group_on pm1

dc_before=$(dc)
say "DC before the cut: $dc_before"
t0=$SECONDS
say "powering off pm1"
sb power off pm1
wait_until 60 "grpPg running on pm2" group_on pm2
wait_until 30 "the client reaching PostgreSQL again" vip_serves
say "fail-over: client served again $((SECONDS - t0))s after the power cut"
expect_mon '^OFFLINE: \[ pm1 \]$'
expect_mon '^Online: \[ pm2 \]$'
expect_logconv pm2 "WARN: Node pm1 is lost."
expect_halog pm2 "all targets are dead."
expect_halog pm2 "Succeeded to STONITH the node pm1: optype=RESET. whodoit: pm2"
expect_logconv pm2 "info: Succeeded to STONITH (RESET) the Node pm1 by Node pm2."
! halog_has pm2 "sending fencing op RESET for pm1 to prmStonith1-2" || fail "the switch was used on a dead node"
[[ "$(sb status | awk '$1 == "pm1" { print $2 }')" == off ]] || fail "pm1 is not off after the fencing"
say "pm1 fenced by stonith-helper's dead check alone; it stays off"
expect_logconv pm2 "info: Resource prmPg started. (rc=0)"
if [[ "$dc_before" == pm2 ]]; then
  expect_logconv pm2 "ERROR: Start to fail-over."
  expect_logconv pm2 "info: fail-over succeeded."
else
  # The DC died with its node: pacer's crmd on the survivor, elected afterwards, does not log
  # `match_down_event: No match for shutdown action on <uuid>` (only a sitting DC's node_lost()
  # does), so pm_logconv sees no node failure and prints no fail-over summary. Reported.
  say "not asserted: the fail-over summary (the DC was pm1, the node cut; crmd gap)"
fi
writer_check

stays 5 "grpPg stays on pm2 while pm1 is off" group_on pm2
# pm1's return (power on, heartbeatd, rejoin, grpPg stays on pm2) is not run here: a node's rejoin
# can roll the CIB back and drop the DC's node attributes, which stops grpPg (see docs/demo.md).
# demo_process_reboot (disabled until that is fixed) covers rejoins.
writer_check
detectors_check
passed
