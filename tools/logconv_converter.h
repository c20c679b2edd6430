// pm_logconv's pure core: one ha-log line in, the operator lines out
// ("Jul 11 18:53:34 pm1 info: Resource prmPg tries to start."), with the state the catalogue and
// the fail-over summary keep between lines. No files, no clock of its own: `now` is passed in
// (it only decides the year when syslogformat is off and the input has none).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "tools/logconv_catalogue.h"
#include "tools/logconv_config.h"
#include "tools/logconv_failover.h"

namespace pacer::tools {

struct ConverterSettings {
  std::string hostname;  // this node: the host field of every output line
  bool syslog_format = true;
  std::vector<std::string> act_rsc;
  std::vector<AttributeRule> attribute_rules;
  std::set<std::string> ping_hosts;
  std::map<std::string, std::string> hostcache;  // uuid -> name
};

class LogConverter {
 public:
  explicit LogConverter(ConverterSettings settings);

  // Output lines (without newline) for one input line; unrecognised lines give none.
  std::vector<std::string> convert(std::string_view line, WallTime now);
  // The catalogue number the last converted line matched ("" if none); for tests.
  const std::string& last_match() const { return last_match_; }
  void reset();
  bool failover_in_progress() const { return failover_.in_progress(); }

 private:
  std::string stamp(const LogLine& line, WallTime now) const;

  ConverterSettings settings_;
  CatalogueState catalogue_;
  FailoverTracker failover_;
  std::string last_match_;
};

}  // namespace pacer::tools
