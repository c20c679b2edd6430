#!/usr/bin/env bash
# Seed demo 2: `crm node standby` of the active node moves grpPg; `crm node online` moves nothing
# back (resource-stickiness INFINITY).
source "$(dirname "$0")/harness.sh"
demo_up
writer_start
detectors_start
wait_until 10 "grpPg on pm1" group_on pm1

t0=$SECONDS
say "crm node standby pm1"
on "$(dc)" 'crm node standby pm1'
wait_until 30 "pm1 in standby" mon_has '^Node pm1 \(.*\): standby$'
wait_until 60 "grpPg moved to pm2" group_on pm2
wait_until 30 "the client reaching PostgreSQL again" vip_serves
say "switch-over: client served again $((SECONDS - t0))s after the standby"
expect_logconv pm1 "info: Resource prmEx stopped. (rc=0)"
expect_logconv pm2 "info: Resource prmEx started. (rc=0)"
writer_check

say "crm node online pm1"
on "$(dc)" 'crm node online pm1'
wait_until 30 "both nodes online" mon_has '^Online: \[ pm1 pm2 \]$'
stays 8 "grpPg stays on pm2" group_on pm2
writer_check
detectors_check
passed
