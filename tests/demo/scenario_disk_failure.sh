#!/usr/bin/env bash
# Disk failure: pm1's internal disk fails -> diskd sets diskcheck_status_internal ERROR -> the
# location rule bans pm1 and grpPg moves to pm2. The disk is restored -> normal, grpPg stays.
source "$(dirname "$0")/harness.sh"
demo_up
writer_start
detectors_start
wait_until 10 "grpPg on pm1" group_on pm1

t0=$SECONDS
say "failing pm1's internal disk"
sb disk fail internal-pm1
wait_until 30 "crm_mon: pm1's diskcheck_status_internal : ERROR" node_attr_is pm1 diskcheck_status_internal ERROR
node_attr_is pm2 diskcheck_status_internal normal || fail "pm2's internal disk is not normal"
wait_until 60 "grpPg moved to pm2" group_on pm2
wait_until 30 "the client reaching PostgreSQL again" vip_serves
say "fail-over: client served again $((SECONDS - t0))s after the disk failure"
expect_logconv pm1 "ERROR: Disk connection to /dev/internal is ERROR. (attr_name=diskcheck_status_internal)"
expect_logconv pm1 'info: Attribute "diskcheck_status_internal" is updated to "ERROR".'
expect_logconv pm2 "info: Resource prmPg started. (rc=0)"
writer_check

say "restoring pm1's internal disk"
sb disk restore internal-pm1
wait_until 30 "pm1's diskcheck_status_internal back to normal" node_attr_is pm1 diskcheck_status_internal normal
stays 8 "grpPg stays on pm2" group_on pm2
writer_check
detectors_check
passed
