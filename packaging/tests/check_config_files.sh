#!/bin/sh
# packaging_config_files: the .deb's tree (ROOT) has the layout and system files issue 10 asks
# for, and each file is accepted by the program that reads it: systemd-sysusers creates the user
# and group, rsyslogd -N1 accepts the rule (for the facility the example ha.cf logs to),
# logrotate -d accepts its file, the unit runs the packaged heartbeatd without Restart=, the
# inittab lines are well formed and run packaged programs.
set -eu
root=$1
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }
libexec=/usr/libexec/pacer
ex=$root/usr/share/doc/pacer/examples

for d in /etc/ha.d /var/lib/pacer $libexec; do check "directory $d" "[ -d '$root$d' ]"; done
for f in $libexec/heartbeatd /usr/sbin/crm_mon /usr/sbin/crm /usr/sbin/pm_logconv /usr/bin/cl_status; do
  check "program $f" "[ -x '$root$f' ]"
done

# sysusers: into an empty root of its own.
users=$(mktemp -d)
trap 'rm -rf "$users"' EXIT
mkdir -p "$users/etc"
check "systemd-sysusers accepts pacer.conf" \
  "systemd-sysusers --root='$users' '$root/usr/lib/sysusers.d/pacer.conf' > '$users/log' 2>&1"
check "hacluster in group haclient" \
  "grep -q \"^hacluster:x:[0-9]*:\$(awk -F: '\$1==\"haclient\"{print \$3}' '$users/etc/group'):\" '$users/etc/passwd'"
check "hacluster's home /var/lib/pacer" "grep -q '^hacluster:.*:/var/lib/pacer:' '$users/etc/passwd'"

# setup-users.sh without systemd-sysusers (groupadd/useradd --prefix), into a root of its own.
fb=$users/fallback
mkdir -p "$fb/root/etc" "$fb/root/var/lib/pacer" "$fb/bin"
for f in passwd group shadow gshadow; do : > "$fb/root/etc/$f"; done
for t in sh grep awk chown chmod groupadd useradd; do ln -s "$(command -v $t)" "$fb/bin/$t"; done
check "setup-users.sh without systemd-sysusers" \
  "env -i PATH='$fb/bin' sh '$root/usr/share/pacer/setup-users.sh' '$fb/root' > '$fb/log' 2>&1"
check "  made hacluster:haclient owner of /var/lib/pacer" \
  "[ \"\$(stat -c '%u:%g %a' '$fb/root/var/lib/pacer')\" = \"\$(awk -F: '\$1==\"hacluster\"{print \$3\":\"\$4}' '$fb/root/etc/passwd') 750\" ]"

# rsyslog: the rule's facility is the example ha.cf's, and rsyslogd accepts it.
facility=$(awk '$1=="logfacility"{print $2}' "$ex/ha.cf.example")
rule=$root/etc/rsyslog.d/pacer.conf
check "ha.cf.example has a logfacility" "[ -n '$facility' ]"
check "rsyslog rule sends $facility to /var/log/ha-log" \
  "grep -qE '^$facility\\.\\*[[:space:]]+-?/var/log/ha-log\$' '$rule'"
check "rsyslogd -N1 accepts the rule" "rsyslogd -N1 -f '$rule' > '$users/rsyslog.log' 2>&1"

# logrotate: both logs, and logrotate's dry run accepts the file.
lr=$root/etc/logrotate.d/pacer
check "logrotate covers ha-log" "grep -q '/var/log/ha-log' '$lr'"
check "logrotate covers pm_logconv's output" "grep -q '/var/log/pm_logconv.out' '$lr'"
check "logrotate -d accepts it" "logrotate -d -s '$users/lr.state' '$lr' > '$users/lr.log' 2>&1"

# systemd unit: the packaged heartbeatd in the foreground; restarting is the MCP's business.
unit=$root/usr/lib/systemd/system/heartbeatd.service
check "unit runs $libexec/heartbeatd -F" "grep -qx 'ExecStart=$libexec/heartbeatd -F' '$unit'"
check "unit has no Restart=" "! grep -q '^Restart=' '$unit'"
check "unit stops only the MCP" "grep -qx 'KillMode=process' '$unit'"

check "pm_logconv unit runs the packaged pm_logconv, restarted as inittab's respawn" \
  "grep -qx 'ExecStart=/usr/sbin/pm_logconv' '$root/usr/lib/systemd/system/pm_logconv.service' &&
   grep -qx 'Restart=always' '$root/usr/lib/systemd/system/pm_logconv.service'"

# inittab: id:runlevels:respawn:program, with packaged programs.
lines=$(grep -v '^#' "$ex/inittab.example" | grep .)
check "inittab has heartbeatd and pm_logconv lines" "[ \$(printf '%s\n' \"\$lines\" | wc -l) -eq 2 ]"
for program in $(printf '%s\n' "$lines" | awk -F: '$3=="respawn" && $2=="2345" {split($4, a, " "); print a[1]}'); do
  check "inittab runs $program" "[ -x '$root$program' ]"
done
check "every inittab line is a respawn line" \
  "[ \$(printf '%s\n' \"\$lines\" | awk -F: '\$3==\"respawn\" && \$2==\"2345\"' | wc -l) -eq 2 ]"

# Example ha.cf: its respawn program is packaged; authkeys example is a valid sha1 line.
for program in $(awk '$1=="respawn"{print $3}' "$ex/ha.cf.example"); do
  check "ha.cf.example respawns $program" "[ -x '$root$program' ]"
done
check "authkeys.example" "grep -qE '^auth 1\$' '$ex/authkeys.example' && grep -qE '^1 sha1 .+' '$ex/authkeys.example'"
check "pm_logconv.conf.example is accepted" \
  "'$root/usr/sbin/pm_logconv' -f '$ex/pm_logconv.conf.example' --convert < /dev/null > '$users/plc.log' 2>&1"
[ $fail -eq 0 ] && echo "layout and system files ok"
exit $fail
