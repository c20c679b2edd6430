#!/usr/bin/env bash
# The harness's own check: its detectors and row check must catch what they guard against. With
# the demo cluster up, the test makes each fault by hand behind the cluster's back (the VIP also on
# pm2, the shared fs also mounted on pm2, an acknowledged row deleted) and expects each to be seen.
source "$(dirname "$0")/harness.sh"
demo_up
writer_start
wait_until 10 "grpPg on pm1" group_on pm1
detectors_start
wait_until 10 "the detectors sampling" test -s "$demo_tmp/samples"
[[ ! -s "$demo_tmp/violations" ]] || fail "a violation before any fault: $(cat "$demo_tmp/violations")"

say "the VIP on pm2 too"
on pm2 "ip addr add $vip/24 dev eth0"
wait_until 15 "the detector seeing two MACs for the VIP" grep -q 'the VIP answered ARP from 2 MACs' "$demo_tmp/violations"
on pm2 "ip addr del $vip/24 dev eth0"

say "the shared fs mounted on pm2 too"
on pm2 'mount /dev/shared /var/lib/pgsql'
wait_until 15 "the detector seeing the fs mounted twice" grep -q 'shared fs mounted on 2 nodes' "$demo_tmp/violations"
on pm2 'umount /var/lib/pgsql'

say "an acknowledged row deleted"
sql 'delete from rows where n = 1' >/dev/null
if (writer_check) >/dev/null 2>&1; then fail "writer_check did not notice a lost row"; fi
say "writer_check noticed the lost row"
passed
