#!/usr/bin/env bash
# Seed demo 6, the failure table (Heartbeat 3 + Pacemaker 1.0): each process of the stack is
# killed (SIGKILL) and the node reacts as the seed's table says. Respawn: heartbeatd's FIFO reader,
# a medium's writer and reader, stonithd, attrd, ifcheckd -> a new process, no reboot. Reboot: ccm,
# cib, crmd, lrmd (crmd loses it), heartbeatd's master control process (the watchdog resets the
# node), pengine (the DC's crmd loses it). The standby node pm2 takes every kill, so grpPg must
# keep running on pm1 throughout; then pengine is killed on the DC, and if that is the active
# node grpPg must fail over. The service runs exactly once at every sample (detectors).
#
#   scenario_process_failures.sh respawn   the respawn half (CTest demo_process_respawn)
#   scenario_process_failures.sh reboot    the reboot half (CTest demo_process_reboot)
source "$(dirname "$0")/harness.sh"
mode=${1:?respawn or reboot}

# pid_of NODE ARGS: the pid of the process whose command line is exactly ARGS.
pid_of() { on "$1" 'ps -eo pid=,args=' | awk -v a="$2" '{ p = $1; $1 = ""; sub(/^ /, ""); if ($0 == a) print p }' | head -1; }
restarted() { local p; p=$(pid_of "$1" "$2"); [[ -n "$p" && "$p" != "$3" ]]; }

demo_up
writer_start
detectors_start
wait_until 10 "grpPg on pm1" group_on pm1

if [[ "$mode" == respawn ]]; then
for args in "heartbeatd: FIFO reader" "heartbeatd: write: bcast eth1" "heartbeatd: read: bcast eth2" \
            "/usr/libexec/pacer/stonithd" "/usr/libexec/pacer/attrd" "/usr/libexec/pacer/ifcheckd"; do
  b=$(boots pm2)
  p=$(pid_of pm2 "$args")
  [[ -n "$p" ]] || fail "no '$args' on pm2"
  say "kill -9 '$args' (pid $p) on pm2: respawn expected"
  on pm2 "kill -9 $p"
  wait_until 15 "'$args' respawned on pm2" restarted pm2 "$args" "$p"
  [[ "$(boots pm2)" == "$b" ]] || fail "pm2 rebooted after '$args' died"
  group_on pm1 || fail "grpPg left pm1 after '$args' died on pm2"
done
stays 4 "grpPg on pm1, nothing rebooted" group_on pm1
writer_check
detectors_check
passed
exit 0
fi

for args in "/usr/libexec/pacer/ccm" "/usr/libexec/pacer/cib" "/usr/libexec/pacer/crmd" \
            "/usr/libexec/pacer/lrmd -r" "heartbeatd: master control process"; do
  b=$(boots pm2)
  p=$(pid_of pm2 "$args")
  [[ -n "$p" ]] || fail "no '$args' on pm2"
  say "kill -9 '$args' (pid $p) on pm2: reboot expected"
  on pm2 "kill -9 $p"
  wait_until 20 "pm2 rebooted after '$args' died" rebooted pm2 "$b"
  # A real server's reboot outlasts deadtime; the sandbox's takes half a second. Start heartbeatd
  # once the DC has seen pm2 dead: a node back within deadtime is not seen as restarted (reported).
  # With STONITH on, crm_mon lists pm2 under OFFLINE only once the DC fenced it (UNCLEAN before):
  # the switch has reset pm2 once more by then, and nothing resets it after heartbeatd starts.
  wait_until 20 "the DC seeing pm2 offline" mon_has '^OFFLINE: \[ pm2 \]$'
  start_stack pm2
  wait_until 40 "pm2 back in the cluster" node_back pm2
  group_on pm1 || fail "grpPg left pm1 while pm2 rebooted"
done
writer_check

d=$(dc)
b=$(boots "$d")
p=$(pid_of "$d" "pengine")
[[ -n "$p" ]] || fail "no pengine on the DC $d"
say "kill -9 pengine (pid $p) on the DC $d: reboot expected"
on "$d" "kill -9 $p"
wait_until 20 "$d rebooted after pengine died" rebooted "$d" "$b"
o=$([[ "$d" == pm1 ]] && echo pm2 || echo pm1)
wait_until 20 "$o seeing $d offline" sh -c "'$demo_root/tests/sandbox/sandbox' --name $demo_name exec $o crm_mon -1 | grep -q '^OFFLINE: \[ $d \]\$'"
if [[ "$d" == pm1 ]]; then
  wait_until 60 "grpPg failed over to pm2" group_on pm2
fi
start_stack "$d"
wait_until 40 "$d back in the cluster" node_back "$d"
[[ "$d" == pm1 ]] && { group_on pm2 || fail "grpPg did not stay on pm2"; }
[[ "$d" == pm2 ]] && { group_on pm1 || fail "grpPg left pm1"; }
writer_check
detectors_check
passed
