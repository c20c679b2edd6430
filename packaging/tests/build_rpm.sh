#!/bin/sh
# packaging_rpm_build: rpmbuild of packaging/pacer.spec (as CMake configured it) from the built
# tree BUILD, then the package's relations and a few files it must hold.
set -eu
build=$1 spec=$2
top=$build/packages/rpm
rm -rf "$top"
mkdir -p "$top"
if ! rpmbuild -bb --nodeps --define "_topdir $top" --define "pacer_builddir $build" \
     --define "_dbpath $top/db" "$spec" > "$top/rpmbuild.log" 2>&1; then
  cat "$top/rpmbuild.log"; exit 1
fi
rpm=$(ls "$top"/RPMS/*/pacer-*.rpm)
q() { rpm -qp --dbpath "$top/db" "$@" "$rpm" 2>/dev/null; }
fail=0
for dep in cluster-glue resource-agents fence-agents; do
  q --requires | grep -qx "$dep" || { echo "Requires lacks $dep"; fail=1; }
done
for c in pacemaker pacemaker-cli pacemaker-cli-utils heartbeat; do
  q --conflicts | grep -qx "$c" || { echo "Conflicts lacks $c"; fail=1; }
done
files=$(q -l)
for f in /usr/libexec/pacer/heartbeatd /usr/sbin/crm_mon /usr/sbin/crm /usr/sbin/pm_logconv \
         /usr/share/man/man8/heartbeatd.8 /usr/share/man/man8/crm_mon.8 \
         /usr/lib/systemd/system/heartbeatd.service /usr/lib/sysusers.d/pacer.conf \
         /etc/rsyslog.d/pacer.conf /etc/logrotate.d/pacer /etc/ha.d /var/lib/pacer \
         /usr/share/doc/pacer/examples/ha.cf.example /usr/share/doc/pacer/examples/authkeys.example; do
  printf '%s\n' "$files" | grep -qx "$f" || { echo "the RPM lacks $f"; fail=1; }
done
q --scripts | grep -q 'setup-users.sh' || { echo "no %post running setup-users.sh"; fail=1; }
q --configfiles | grep -qx /etc/rsyslog.d/pacer.conf || { echo "rsyslog rule is not %config"; fail=1; }
# rpm installs it into a scratch root of its own (scripts off: the root has no shell to run them;
# hacluster does not exist there, so owners are not verified).
inst=$top/root
rpm --root "$inst" --initdb
if ! out=$(rpm --root "$inst" -i --nodeps --noscripts "$rpm" 2>&1); then
  echo "FAIL: rpm -i --root:"; printf '%s\n' "$out"; fail=1
fi
[ -x "$inst/usr/libexec/pacer/heartbeatd" ] && [ -f "$inst/etc/rsyslog.d/pacer.conf" ] ||
  { echo "FAIL: rpm -i left no heartbeatd or rsyslog rule in $inst"; fail=1; }
rpm --root "$inst" -V --nodeps --nouser --nogroup pacer > "$top/verify.log" 2>&1 || { echo "FAIL: rpm -V:"; cat "$top/verify.log"; fail=1; }
echo "$rpm: $(du -k "$rpm" | cut -f1) KiB, $(printf '%s\n' "$files" | wc -l) files"
exit $fail
