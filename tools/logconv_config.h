// /etc/pm_logconv.conf: the [Settings] keys of Linux-HA Japan's pm_logconv-hb (ha_log_path,
// output_path, hacf_path, hostcache_path, syslogformat, reset_interval, attribute_*, act_rsc,
// logconv_logfacility), with pacer's paths as defaults. The python tool's rule sections
// ([Title] + pattern*/func) are read and ignored: pacer's catalogue is built in.
// Also the two files it points at: ha.cf (ping nodes) and the hostcache (uuid -> name).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "tools/logconv_attribute_rule.h"

namespace pacer::tools {

struct LogconvConfig {
  std::string ha_log_path = "/var/log/ha-log";
  std::string output_path = "/var/log/pm_logconv.out";
  std::string hacf_path = "/etc/ha.d/ha.cf";
  std::string hostcache_path = "/var/lib/pacer/hostcache";
  std::string stat_path = "/var/run/pm_logconv.stat";
  bool syslog_format = true;
  int reset_interval_s = 60;
  std::vector<AttributeRule> attribute_rules;
  std::vector<std::string> act_rsc;
  std::string logfacility = "daemon";
  std::vector<std::string> warnings;  // unknown keys, ignored sections
};

// Parses the INI text; errors name the line.
Result<LogconvConfig> parse_logconv_config(std::string_view text, std::string_view source);

// ha.cf's "ping" and "ping_group" hosts: their link and node messages are suppressed.
std::set<std::string> ping_hosts_from_hacf(std::string_view hacf);
// hostcache "name uuid" lines -> uuid -> name.
std::map<std::string, std::string> parse_hostcache(std::string_view text);

}  // namespace pacer::tools
