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

boots() { sb status | awk -v n="$1" '$1 == n { for (i = 1; i <= NF; i++) if ($i ~ /^boots=/) print substr($i, 7) }'; }
# pid_of NODE ARGS: the pid of the process whose command line is exactly ARGS.
pid_of() { on "$1" 'ps -eo pid=,args=' | awk -v a="$2" '{ p = $1; $1 = ""; sub(/^ /, ""); if ($0 == a) print p }' | head -1; }
restarted() { local p; p=$(pid_of "$1" "$2"); [[ -n "$p" && "$p" != "$3" ]]; }
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
rebooted() { [[ "$(boots "$1")" -gt "$2" ]]; }

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
  wait_until 20 "the DC seeing pm2 offline" mon_has '^OFFLINE: \[ pm2 \]$'
  on pm2 'pm_logconv -d && /usr/libexec/pacer/heartbeatd'
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
on "$d" 'pm_logconv -d && /usr/libexec/pacer/heartbeatd'
wait_until 40 "$d back in the cluster" node_back "$d"
[[ "$d" == pm1 ]] && { group_on pm2 || fail "grpPg did not stay on pm2"; }
[[ "$d" == pm2 ]] && { group_on pm1 || fail "grpPg left pm1"; }
writer_check
detectors_check
passed
