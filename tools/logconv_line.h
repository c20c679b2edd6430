// One line of a Heartbeat-format log (common/log.h writes them), split into its fields. Both
// layouts are read:
//   syslog:  "Jul 11 18:53:34 pm1 crmd: [1996]: info: text"   (also "pgsql[19130]: INFO: text")
//   classic: "crmd[1996]: 2011/07/11_18:53:34 info: text"
// Bounded and allocation-light: it is fed every line of ha-log and fuzzed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pacer::tools {

struct LogLine {
  // Time stamp: syslog layout fills month/day/time; classic fills year too (month as 1-12).
  std::string month;  // "Jul"
  int day = 0;
  std::string time;   // "18:53:34"
  int year = 0;       // classic layout only
  std::string host;   // syslog layout only
  std::string process;  // "crmd", "heartbeat", "pgsql"
  std::string level;    // "info", "WARN", "ERROR", "CRIT", "EMERG", "notice", "debug"; "" if none
  std::string text;     // the message after the level
};

std::optional<LogLine> parse_log_line(std::string_view line);

// "Jan".."Dec" -> 1..12, 0 when unknown.
int month_number(std::string_view month);
std::string_view month_name(int month);

}  // namespace pacer::tools
