#!/usr/bin/env bash
# The seed's demo cluster (issue 11): installs what is missing, builds, and brings up a 2-node
# sandbox (pm1, pm2 and a client host on their own namespaces; interconnects eth1/eth2, service LAN
# eth0, shared disk) running pacer with the seed's configuration mapped onto 198.18.0.0/15
# (tests/demo/: ha.cf, demo.crm, pm_logconv.conf; docs/demo.md says what was mapped and scaled).
# PostgreSQL 15's data is made (initdb) on the shared disk at every start. Run as root.
#
#   ./scripts/demo.sh          start (an old demo sandbox is taken down first)
#   ./scripts/demo.sh down     take it down
#
# Environment: PACER_BUILD_DIR (build/release), PACER_DEMO_NO_BUILD=1 (use that build and its
# stage as they are: the tests do), PACER_DEMO_NAME (sandbox name, demo), PACER_DEMO_QUIET=1 (no
# help text at the end), PACER_DEMO_STONITH=0 (no fencing: stonith.crm not loaded,
# stonith-enabled="false"), PACER_BUILD_LOCK (a lock file held while staging the build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=$(realpath -m "${PACER_BUILD_DIR:-$root/build/release}")
stage=$build/demo-stage
name=${PACER_DEMO_NAME:-demo}
export SANDBOX_CLI=${SANDBOX_CLI:-$build/tests/sandbox/sandbox-cli}
sandbox() { "$root/tests/sandbox/sandbox" --name "$name" "$@"; }
stonith=${PACER_DEMO_STONITH:-1}
# The power switch line of STONITH's external/sandbox: the nodes cannot reach the supervisor's
# socket in the host's /run, so tests/demo/switch_relay.pl relays power requests from a socket in
# the build tree (a path the nodes share with the host), with its pid in <socket>.pid.
switch_socket=$build/demo-run/$name.sock
stop_relay() {
  local pid
  pid=$(cat "$switch_socket.pid" 2>/dev/null) || return 0
  # Only the relay this script started: the pid file's process must still be switch_relay.pl.
  if grep -q switch_relay "/proc/$pid/cmdline" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
}
on() { local node=$1; shift; sandbox exec "$node" sh -c "$*"; }
# script NODE < SCRIPT: a multi-line shell script run in NODE (exec's words are single lines).
script() { sandbox exec "$1" sh -s; }
say() { printf '%s demo: %s\n' "$(date +%T)" "$*" >&2; }

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s.
wait_for() {
  local limit=$1 what=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= end)); then say "gave up waiting ${limit}s for: $what"; return 1; fi
    sleep 0.5
  done
}

if [[ "${1:-}" == down ]]; then
  # Taking it down needs only some built sandbox-cli: when this build has none (the demo was
  # started from another PACER_BUILD_DIR), the sandbox wrapper finds one in any build dir.
  [[ -x "$SANDBOX_CLI" ]] || unset SANDBOX_CLI
  stop_relay
  sandbox down
  exit 0
fi

if [[ -z "${PACER_DEMO_NO_BUILD:-}" ]]; then
  ./scripts/install-deps.sh
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build"
fi
# Installed with prefix /usr: heartbeatd's children and the agents find the tools in /usr/sbin.
stage_build() {
  rm -rf "$stage"
  mkdir -p "$stage"
  DESTDIR="$stage" cmake --install "$build" --prefix /usr >/dev/null
}
# PACER_BUILD_LOCK=FILE: stage under that flock, so that a build running at the same time in a
# shared build tree cannot hand a half-linked binary to the install.
if [[ -n "${PACER_BUILD_LOCK:-}" ]]; then
  exec {lock_fd}>"$PACER_BUILD_LOCK"
  flock "$lock_fd"
  stage_build
  flock -u "$lock_fd"
  exec {lock_fd}>&-
else
  stage_build
fi

stop_relay
sandbox down >/dev/null 2>&1 || true
# The fake watchdog resets a node whose heartbeatd stops feeding it for 5 s.
sandbox up --nodes 2 --stage "$stage" --watchdog-timeout 5000 >/dev/null
say "sandbox up: pm1 pm2 client"
if [[ "$stonith" != 0 ]]; then
  mkdir -p "$(dirname "$switch_socket")"
  # It ends by itself within a second once the sandbox is down (whoever takes it down).
  setsid perl tests/demo/switch_relay.pl "$switch_socket" "/run/pacer-sandbox/$name/control.sock" \
    </dev/null >/dev/null 2>&1 &
  wait_for 5 "the switch relay's socket" test -S "$switch_socket"
fi

# The shared disk: an sfex lock area and PostgreSQL's data (initdb'd on the ext4 the sandbox made).
on pm1 'sfex_init -n 1 /dev/sfex'
script pm1 <<'SETUP'
set -e
mkdir -p /var/lib/pgsql
mount /dev/shared /var/lib/pgsql
install -d -o postgres -g postgres -m 700 /var/lib/pgsql/data
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb --no-instructions -A trust -U postgres \
  -D /var/lib/pgsql/data >/var/log/initdb.log 2>&1
echo "host all all 198.19.0.0/24 trust" >> /var/lib/pgsql/data/pg_hba.conf
echo "unix_socket_directories = '/tmp'" >> /var/lib/pgsql/data/postgresql.conf
umount /var/lib/pgsql
SETUP
on pm2 'mkdir -p /var/lib/pgsql'
say "shared disk: sfex lock initialised, PostgreSQL 15 initdb done"

for node in pm1 pm2; do
  on "$node" 'mkdir -p /etc/ha.d && cat > /etc/ha.d/ha.cf' < tests/demo/ha.cf
  on "$node" 'umask 077 && cat > /etc/ha.d/authkeys' < tests/demo/authkeys
  on "$node" 'cat > /etc/pm_logconv.conf' < tests/demo/pm_logconv.conf
  # The seed ran pm_logconv from inittab (respawn); here it is started once, as a daemon.
  on "$node" 'pm_logconv -d && /usr/libexec/pacer/heartbeatd'
done
say "heartbeatd started on pm1 and pm2"

dc=
dc_agreed() {
  local a b
  a=$(on pm1 'crmadmin -D -q' 2>/dev/null) && b=$(on pm2 'crmadmin -D -q' 2>/dev/null) &&
    [[ -n "$a" && "$a" == "$b" ]] && dc=$a &&
    on "$dc" "crmadmin -S $dc | grep -q S_IDLE"
}
wait_for 60 "a DC both nodes agree on" dc_agreed
say "DC: $dc"
if [[ "$stonith" != 0 ]]; then
  # demo.crm, then the seed's STONITH groups on the sandbox switch, then fencing on (demo.crm
  # keeps stonith-enabled="false" so that PACER_DEMO_STONITH=0 loads it as it is).
  on "$dc" 'crm configure load update -' < tests/demo/demo.crm
  sed -e "s|@SANDBOX_CLI@|$(realpath "$SANDBOX_CLI")|g" -e "s|@CONTROL_SOCKET@|$switch_socket|g" tests/demo/stonith.crm |
    on "$dc" 'crm configure load update -'
  on "$dc" 'crm configure property stonith-enabled="true"'
  say "configuration loaded on $dc (STONITH on: grpStonith1 on pm2, grpStonith2 on pm1)"
else
  on "$dc" 'crm configure load update -' < tests/demo/demo.crm
  say "configuration loaded on $dc (STONITH off)"
fi
wait_for 90 "grpPg running" on "$dc" 'crm_resource -W -r prmPg | grep -q "running on"'
wait_for 30 "the VIP answering PostgreSQL" on client \
  'psql -h 198.19.0.100 -U postgres -d template1 -Atc "select 1" | grep -qx 1'
# Attributes are written a moment after their daemons start; show a settled picture.
say "grpPg is up"
# Each node's three devices are started on its peer and registered with the peer's stonithd.
devices_registered() {
  on pm2 'stonith_admin -l pm1' | grep -q '^3 fence devices' && on pm1 'stonith_admin -l pm2' | grep -q '^3 fence devices'
}
if [[ "$stonith" != 0 ]] && ! wait_for 30 "the STONITH devices registered" devices_registered; then
  say "WARNING: grpStonith1 (on pm2) and grpStonith2 (on pm1) are not all registered with stonithd"
fi
if ! wait_for 15 "both nodes' attributes in the DC's CIB" \
    on "$dc" 'crm_mon -fA1 | grep -c "default_ping_set *.: 100" | grep -qx 2'; then
  say "WARNING: the other node's attributes (default_ping_set ...) are not in the DC's CIB: without"
  say "them the location rule bans that node and grpPg cannot fail over (CIB replication, see docs/demo.md)"
fi

on "$dc" 'crm_mon -fA1'
[[ -n "${PACER_DEMO_QUIET:-}" ]] && exit 0
cat <<HELP

The demo cluster stays up. sb="tests/sandbox/sandbox --name $name"
  \$sb exec pm1 crm_mon -fA1             # the state (also: crm_mon -fA, crm configure show)
  \$sb exec pm1 cat /var/log/pm_logconv.out
  \$sb exec client psql -h 198.19.0.100 -U postgres -c "SELECT now();"
Scenarios of the seed (tests/demo runs each of them: ctest -R '^demo_'; docs/demo.md):
  1 service LAN failure:  \$sb link cut eth0 pm1        -> default_ping_set 0, grpPg moves to pm2
                          \$sb link restore eth0 pm1    -> grpPg stays (stickiness INFINITY)
  2 standby / online:     \$sb exec pm1 crm node standby pm1 ; \$sb exec pm1 crm node online pm1
  3 resource failure:     \$sb exec pm1 pkill -9 -x postgres   -> rc=7, fail-count 1, grpPg moves
                          \$sb exec pm1 crm node standby pm2   -> PostgreSQL does not come back
                          \$sb exec pm1 crm resource cleanup prmPg pm1 ; ... crm node online pm2
  4 stop timeout:         a stop that hangs + crm configure edit (stop timeout 10s) + the kill above
                          -> Timed Out, pm1 fenced (helper, then the switch), grpPg on pm2
                          (tests/demo/scenario_stop_timeout.sh stages it step by step)
  5 split brain:          \$sb link cut eth1 ; \$sb link cut eth2  -> the active node fences the other
                          \$sb link restore eth1 ; \$sb link restore eth2 ; start heartbeatd on it again
  power cut:              \$sb power off pm1   -> fenced by stonith-helper's dead check; \$sb power on pm1 ;
                          \$sb exec pm1 /usr/libexec/pacer/heartbeatd
  disk failure:           \$sb disk fail internal-pm1 ; \$sb disk restore internal-pm1
  process failures:       \$sb exec pm2 pkill -9 -x crmd  -> pm2 reboots (start heartbeatd again)
Tear down: ./scripts/demo.sh down
HELP
