#!/usr/bin/env bash
# The reference Heartbeat 3.0.6 (Debian 12's heartbeat package), for benchmarks only.
#
# It is never installed on the host (its /usr/bin/cl_status would collide with pacer's): the .debs
# are unpacked with `dpkg -x` into DIR/root, which a sandbox node overlays on its /usr like a
# staged install, so Heartbeat runs at its real paths inside the node and nowhere else.
#
#   reference-heartbeat.sh fetch DIR     unpack into DIR/root (idempotent)
set -euo pipefail
[[ $# -eq 2 && $1 == fetch ]] || { echo "usage: $0 fetch DIR" >&2; exit 2; }
dir=$(realpath -m "$2")
[[ -x "$dir/root/usr/libexec/heartbeat/heartbeat" && -f "$dir/.complete" ]] && exit 0
rm -rf "$dir"
mkdir -p "$dir/debs" "$dir/root"
(cd "$dir/debs" && { apt-get download -o APT::Sandbox::User=root heartbeat libheartbeat2 ||
                     { apt-get update -qq && apt-get download -o APT::Sandbox::User=root heartbeat libheartbeat2; }; })
for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir/root"; done
touch "$dir/.complete"
