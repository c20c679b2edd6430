#!/usr/bin/env bash
# Installs what is missing, builds, and starts the seed's demo cluster: a 2-node sandbox (pm1, pm2
# and a client on their own namespaces, interconnects eth1/eth2, service LAN eth0, shared disk)
# running pacer's installed daemons, and prints its state. Run as root from the checkout.
#
#   ./scripts/demo.sh          start (an old demo sandbox is taken down first)
#   ./scripts/demo.sh down     take it down
# Then: tests/sandbox/sandbox --name demo status | exec pm1 | logs pm1 | power off pm2 | ...
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=$root/build/release
stage=$build/stage
export SANDBOX_CLI=$build/tests/sandbox/sandbox-cli
sandbox() { "$root/tests/sandbox/sandbox" --name demo "$@"; }

if [[ "${1:-}" == down ]]; then
  sandbox down
  exit 0
fi

./scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build"
rm -rf "$stage"
mkdir -p "$stage/usr"
DESTDIR="$stage" cmake --install "$build" --prefix /usr >/dev/null

sandbox down >/dev/null 2>&1 || true
sandbox up --nodes 2 --stage "$stage" --watchdog-timeout 11000

daemons_started=()
for node in pm1 pm2; do
  sandbox exec "$node" sh -c 'mkdir -p /etc/ha.d && cat > /etc/ha.d/ha.cf' < tests/demo/ha.cf
  sandbox exec "$node" sh -c 'umask 077 && cat > /etc/ha.d/authkeys && chmod 600 /etc/ha.d/authkeys' < tests/demo/authkeys
  if sandbox exec "$node" test -x /usr/libexec/pacer/heartbeatd; then
    sandbox exec "$node" /usr/libexec/pacer/heartbeatd
    daemons_started+=("$node:heartbeatd")
  fi
done

echo
echo "== sandbox"
sandbox status
for node in pm1 pm2; do
  echo
  echo "== $node"
  sandbox exec "$node" sh -c 'hostname; ip -br addr show | grep -v "^lo"; ls -l /etc/ha.d/ha.cf /etc/ha.d/authkeys'
  sandbox exec "$node" sh -c 'ps -eo pid,user,args | grep -v -e "ps -eo" -e "sh -c"'
  if sandbox exec "$node" test -x /usr/bin/cl_status; then
    sandbox exec "$node" cl_status listnodes || true
  fi
done
echo
if ((${#daemons_started[@]} == 0)); then
  echo "No pacer daemon is installed yet: the nodes run the sandbox's own init and syslog only."
else
  echo "Started: ${daemons_started[*]}"
fi
echo "The demo sandbox stays up: tests/sandbox/sandbox --name demo status|exec|logs|link|power ...;"
echo "./scripts/demo.sh down ends it."
