#!/usr/bin/env bash
# The reference Pacemaker (Debian 12's 2.1.5 tools), for tests only.
#
# pacer's own crm_simulate, crm_verify and cibadmin live at the system paths, so the reference is
# never installed: its .debs are fetched with `apt-get download` and unpacked with `dpkg -x` into
# a private prefix, and run with LD_LIBRARY_PATH and PCMK_schema_directory pointing there.
#
#   reference-pacemaker.sh fetch DIR              unpack into DIR (idempotent)
#   reference-pacemaker.sh run DIR TOOL [ARGS]    run one of its tools, e.g. crm_simulate -x f.xml -S
set -euo pipefail

packages=(pacemaker-cli-utils libcib27 libcrmcommon34 libcrmservice28 liblrmd28 libpacemaker1
          libpe-rules26 libpe-status28 libstonithd26 pacemaker-common)

usage() { echo "usage: $0 fetch DIR | run DIR TOOL [ARGS...]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
command=$1 dir=$(realpath -m "$2")
shift 2

case "$command" in
  fetch)
    if [[ -x "$dir/root/usr/sbin/crm_simulate" && -f "$dir/.complete" ]]; then exit 0; fi
    rm -rf "$dir"
    mkdir -p "$dir/debs" "$dir/root" "$dir/shadow"
    # apt's sandbox user cannot write into a root-owned build tree; downloading as root is fine
    # here: the files are only unpacked, never installed.
    (cd "$dir/debs" && { apt-get download -o APT::Sandbox::User=root "${packages[@]}" ||
                         { apt-get update -qq && apt-get download -o APT::Sandbox::User=root "${packages[@]}"; }; })
    for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir/root"; done
    touch "$dir/.complete"
    ;;
  run)
    [[ $# -ge 1 ]] || usage
    tool=$1
    shift
    [[ -x "$dir/root/usr/sbin/$tool" ]] || { echo "$0: $tool not found under $dir (run fetch first)" >&2; exit 2; }
    # CIB_shadow_dir keeps crm_simulate from writing under /var/lib/pacemaker.
    exec env LD_LIBRARY_PATH="$dir/root/usr/lib/x86_64-linux-gnu" \
      PCMK_schema_directory="$dir/root/usr/share/pacemaker" \
      CIB_shadow_dir="$dir/shadow" \
      "$dir/root/usr/sbin/$tool" "$@"
    ;;
  *) usage ;;
esac
