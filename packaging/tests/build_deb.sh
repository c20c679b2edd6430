#!/bin/sh
# packaging_deb_build: the .deb through CPack from the built tree BUILD (nothing is compiled),
# with the relations issue 10 asks for.
set -eu
build=$1
out=$build/packages
rm -rf "$out/_CPack_Packages" "$out"/pacer_*.deb
mkdir -p "$out"
if ! cpack --config "$build/CPackConfig.cmake" -B "$out" > "$out/cpack.log" 2>&1; then
  cat "$out/cpack.log"; exit 1
fi
deb=$(ls "$out"/pacer_*.deb)
fail=0
field() { dpkg-deb -f "$deb" "$1"; }
for dep in cluster-glue resource-agents fence-agents libqb100 libxml2; do
  field Depends | tr ',' '\n' | grep -q "^ *$dep\b" || { echo "Depends lacks $dep: $(field Depends)"; fail=1; }
done
for c in pacemaker pacemaker-cli-utils heartbeat; do
  field Conflicts | tr ',' '\n' | grep -qx " *$c" || { echo "Conflicts lacks $c: $(field Conflicts)"; fail=1; }
done
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -qx './postinst' || { echo "no postinst"; fail=1; }
[ "$(dpkg-deb --info "$deb" conffiles)" = "$(printf '/etc/rsyslog.d/pacer.conf\n/etc/logrotate.d/pacer')" ] ||
  { echo "conffiles: $(dpkg-deb --info "$deb" conffiles)"; fail=1; }
echo "$deb: $(du -k "$deb" | cut -f1) KiB, $(dpkg-deb -c "$deb" | wc -l) entries"
exit $fail
