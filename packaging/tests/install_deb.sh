#!/bin/sh
# packaging_deb_install: unpack the .deb with `dpkg --root` into a scratch ROOT whose dpkg
# database holds this machine's cluster-glue, resource-agents, fence-agents and
# pacemaker-resource-agents (status entries and file lists). dpkg refuses to unpack a file that a
# package of that database owns, so a clean unpack proves pacer owns none of their files. A decoy
# package holding one of cluster-glue's files must be refused, or the check proves nothing.
# The installed ROOT is the stage packaging_node_test runs a cluster from.
set -eu
pkgdir=$1 root=$2
deb=$(ls "$pkgdir"/pacer_*.deb)
rm -rf "$root"
admin=$root/var/lib/dpkg
mkdir -p "$admin/info" "$admin/updates" "$admin/triggers"
: > "$admin/status"
: > "$admin/available"
for p in cluster-glue resource-agents fence-agents pacemaker-resource-agents; do
  dpkg-query -s "$p" >> "$admin/status"
  echo >> "$admin/status"
  list=$(dpkg-query --control-path "$p" md5sums | sed 's/md5sums$/list/')
  cp "$list" "$admin/info/"
done

unpack() { dpkg --root="$root" --force-depends --force-bad-path --no-triggers --unpack "$1" 2>&1; }

# The decoy: /usr/sbin/stonith, cluster-glue's.
decoy=$(mktemp -d)
trap 'rm -rf "$decoy"' EXIT
mkdir -p "$decoy/pkg/DEBIAN" "$decoy/pkg/usr/sbin"
printf 'Package: pacer-decoy\nVersion: 1\nArchitecture: all\nMaintainer: test <t@example.invalid>\nDescription: decoy\n' \
  > "$decoy/pkg/DEBIAN/control"
echo '#!/bin/sh' > "$decoy/pkg/usr/sbin/stonith"
dpkg-deb --build --root-owner-group "$decoy/pkg" "$decoy/decoy.deb" > /dev/null
if out=$(unpack "$decoy/decoy.deb"); then
  echo "FAIL: dpkg unpacked a package overwriting cluster-glue's /usr/sbin/stonith: the check is blind"; exit 1
fi
printf '%s\n' "$out" | grep -q "trying to overwrite '/usr/sbin/stonith', which is also in package cluster-glue" ||
  { echo "decoy refused for another reason:"; printf '%s\n' "$out"; exit 1; }
rm -rf "$root/usr/sbin/stonith"

if ! out=$(unpack "$deb"); then
  echo "FAIL: dpkg --root --unpack of $deb:"; printf '%s\n' "$out"; exit 1
fi
printf '%s\n' "$out" | grep -i 'overwrit\|conflict' && { echo "FAIL: dpkg reported the above"; exit 1; }
# Configure: conffiles take their names, the postinst makes the user (DPKG_ROOT-aware, so no
# chroot is needed and the host is not touched).
if ! out=$(dpkg --root="$root" --force-depends --force-bad-path --force-script-chrootless --no-triggers \
             --configure pacer 2>&1); then
  echo "FAIL: dpkg --configure:"; printf '%s\n' "$out"; exit 1
fi
dpkg --root="$root" -s pacer | grep -q '^Status: install ok installed' || { echo "FAIL: pacer not installed"; exit 1; }
uid=$(awk -F: '$1=="hacluster"{print $3}' "$root/etc/passwd")
gid=$(awk -F: '$1=="haclient"{print $3}' "$root/etc/group")
[ -n "$uid" ] && [ -n "$gid" ] || { echo "FAIL: the postinst made no hacluster/haclient in $root/etc"; exit 1; }
[ "$(stat -c '%u:%g %a' "$root/var/lib/pacer")" = "$uid:$gid 750" ] ||
  { echo "FAIL: $root/var/lib/pacer is $(stat -c '%u:%g %a' "$root/var/lib/pacer")"; exit 1; }
# dpkg's own list of pacer's files, checked against every other package's list.
dups=$(cat "$admin/info/pacer.list" | while read -r f; do
  [ -d "$root$f" ] && continue
  grep -lx -- "$f" "$admin/info/"*.list | grep -v '/pacer.list$' | sed "s|.*/||; s|\.list$|: $f|"
done)
[ -z "$dups" ] || { echo "FAIL: files owned twice:"; echo "$dups"; exit 1; }
echo "unpacked $(wc -l < "$admin/info/pacer.list") paths into $root"
