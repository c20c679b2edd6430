#!/usr/bin/env bash
# Installs the Debian 12 packages pacer builds, tests and runs with. Idempotent: when every
# package is already there it asks apt nothing and returns in well under a second.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  libqb-dev libprotobuf-dev protobuf-compiler libxml2-dev libfmt-dev catch2 libbz2-dev zlib1g-dev libssl-dev
  clang libclang-rt-14-dev
  # the sandbox cluster and what its nodes run
  iproute2 nftables util-linux iputils-ping iputils-arping procps psmisc rsyslog bridge-utils ethtool e2fsprogs kmod
  resource-agents pacemaker-resource-agents cluster-glue fence-agents postgresql
  # packaging
  rpm logrotate groff-base systemd
  # reference Pacemaker is fetched with apt-get download, unpacked privately (scripts/reference-pacemaker.sh)
  dpkg-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ "$status" == "ii "* ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet; refresh once if a lookup fails.
if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
