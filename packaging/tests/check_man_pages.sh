#!/bin/sh
# packaging_man_pages: every program the .deb installs (ROOT/usr/bin, /usr/sbin, pacer's libexec
# directory) has a man page in the package, every page names an installed program, and every
# option a program's own usage text shows (from --help or -?) appears in its page.
# Programs that print no usage without a running cluster are listed below with the reason; their
# page is still required.
set -eu
root=$1
no_usage_text="
ccm               takes no options; connects to heartbeatd at once
cl_status         connects to heartbeatd before reading its arguments
crm_attribute     connects to the CIB before reading its arguments
crm_failcount     connects to the CIB before reading its arguments
crm_master        connects to the CIB before reading its arguments
crm_standby       connects to the CIB before reading its arguments
crm_resource      connects to the CIB before reading its arguments
pingd             has no usage text (started by its OCF agent)
diskd             has no usage text (started by its OCF agent)
"
# Wrappers whose usage text is another program's (their page points to it).
wrappers="
stonith-plugins   runs cluster-glue's stonith with the same arguments
"
fail=0
man_dir=$root/usr/share/man
programs=$(find "$root/usr/bin" "$root/usr/sbin" "$root/usr/libexec/pacer" -maxdepth 1 -type f -perm -u+x 2>/dev/null | sort)
[ -n "$programs" ] || { echo "no programs under $root"; exit 1; }
checked=0
for prog in $programs; do
  name=$(basename "$prog")
  page=$(ls "$man_dir"/man1/"$name".1 "$man_dir"/man8/"$name".8 2>/dev/null | head -1)
  if [ -z "$page" ]; then echo "FAIL: $name has no man page"; fail=1; continue; fi
  # The page's text with troff's escapes for '-' and fonts removed.
  text=$(sed 's/\\-/-/g; s/\\f[BIRP]//g; s/\\e/\\/g' "$page")
  if printf '%s\n' "$wrappers" | grep -q "^$name "; then continue; fi
  usage=""
  for flag in --help '-?'; do
    out=$(timeout 5 "$prog" "$flag" 2>&1 < /dev/null || true)
    # From the usage line on: an "unrecognized option '--help'" before it is not an option.
    out=$(printf '%s\n' "$out" | sed -n '/[Uu]sage/,$p')
    if [ -n "$out" ]; then usage=$out; break; fi
  done
  if [ -z "$usage" ]; then
    printf '%s\n' "$no_usage_text" | grep -q "^$name " ||
      { echo "FAIL: $name prints no usage and is not listed as such"; fail=1; }
    continue
  fi
  printf '%s\n' "$no_usage_text" | grep -q "^$name " &&
    { echo "FAIL: $name now prints a usage text: take it off the list"; fail=1; }
  checked=$((checked + 1))
  # The usage's words that are options: separators become spaces, bundles (-fA1) are not options.
  for opt in $(printf '%s\n' "$usage" | tr '|()[],=<>:.;' '            ' | tr ' \t' '\n\n' |
               grep -E '^(--[a-z][a-z_-]*|-[A-Za-z0-9?$])$' | sort -u); do
    pattern=$(printf '%s' "$opt" | sed 's/[?$]/\\&/g')
    printf '%s\n' "$text" | grep -qE -- "(^|[^A-Za-z0-9_-])$pattern([^A-Za-z0-9_-]|$)" ||
      { echo "FAIL: $name: $opt (in its usage) is not in $(basename "$page")"; fail=1; }
  done
done
for page in "$man_dir"/man1/* "$man_dir"/man8/*; do
  name=$(basename "$page" | sed 's/\.[18]$//')
  printf '%s\n' "$programs" | grep -q "/$name\$" || { echo "FAIL: $(basename "$page") names no installed program"; fail=1; }
  warnings=$(groff -man -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || { echo "FAIL: groff: $warnings"; fail=1; }
done
echo "$(printf '%s\n' "$programs" | wc -l) programs with pages; options checked for $checked"
exit $fail
