#!/bin/sh
# pacer: create the hacluster user and the haclient group (sysusers.d/pacer.conf) and give them
# /var/lib/pacer. Run by the .deb's postinst and the RPM's %post (rpm 4.18 does not apply
# sysusers.d itself). Works on another root too: DPKG_ROOT (dpkg --root with
# --force-script-chrootless) or the first argument.
set -e
root=${1:-${DPKG_ROOT:-}}
conf=$root/usr/lib/sysusers.d/pacer.conf
if command -v systemd-sysusers >/dev/null 2>&1; then
  if [ -n "$root" ]; then systemd-sysusers --root="$root" "$conf"; else systemd-sysusers "$conf"; fi
else
  grep -q '^haclient:' "$root/etc/group" 2>/dev/null || groupadd -r ${root:+--prefix "$root"} haclient
  grep -q '^hacluster:' "$root/etc/passwd" 2>/dev/null ||
    useradd -r ${root:+--prefix "$root"} -g haclient -d /var/lib/pacer -s /usr/sbin/nologin \
      -c "pacer cluster daemons" hacluster
fi
# Numeric ids from the root's own files, so that another root's ids are used, not this host's.
uid=$(awk -F: '$1=="hacluster"{print $3}' "$root/etc/passwd")
gid=$(awk -F: '$1=="haclient"{print $3}' "$root/etc/group")
chown "$uid:$gid" "$root/var/lib/pacer"
chmod 0750 "$root/var/lib/pacer"
