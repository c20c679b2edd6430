#!/usr/bin/env bash
# Seed demo 1: the service LAN of the active node fails -> pingd's default_ping_set drops to 0 ->
# the location rule bans the node and grpPg moves; the LAN is repaired -> grpPg stays (stickiness).
source "$(dirname "$0")/harness.sh"
demo_up
writer_start
detectors_start
wait_until 10 "grpPg on pm1 (rule 200: #uname eq pm1)" group_on pm1

t0=$SECONDS
say "cutting pm1's service LAN (eth0)"
sb link cut eth0 pm1
wait_until 20 "crm_mon: pm1's default_ping_set : 0 : Connectivity is lost" \
  node_attr_is pm1 default_ping_set '0 : Connectivity is lost'
node_attr_is pm2 default_ping_set 100 || fail "pm2's default_ping_set is not 100"
wait_until 60 "grpPg moved to pm2" group_on pm2
wait_until 30 "the client reaching PostgreSQL again" vip_serves
say "fail-over: client served again $((SECONDS - t0))s after the cut"
expect_logconv pm1 "ERROR: Network to 198.19.0.200 is unreachable."
expect_logconv pm1 'info: Attribute "default_ping_set" is updated to "0".'
expect_logconv pm1 "info: Resource prmPg stopped. (rc=0)"
expect_logconv pm2 "info: Resource prmPg started. (rc=0)"
# Not asserted: the DC's fail-over summary ("Start to fail-over." ... "fail-over succeeded.").
# For a score failure pm_logconv needs crmd's `abort_transition_graph: ... id=status-<uuid>-<name>,
# ... value=<v> ... Transient attribute: update` line, which pacer's crmd does not log yet (its CIB
# notifications carry no diff). demo_resource_failure asserts the summary of a resource failure.
writer_check

say "repairing pm1's service LAN"
sb link restore eth0 pm1
wait_until 20 "pm1's default_ping_set back to 100" node_attr_is pm1 default_ping_set 100
stays 8 "grpPg stays on pm2" group_on pm2
writer_check
detectors_check
passed
