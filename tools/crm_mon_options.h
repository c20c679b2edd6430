// crm_mon's command line (Pacemaker 1.0's flags plus -X), parsed without side effects so that
// tests can check every flag; main() acts on the result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "tools/crm_mon_text.h"

namespace pacer::tools {

enum class MonitorOutput { text, xml, simple };

struct MonitorOptions {
  MonitorDisplay display;
  MonitorOutput output = MonitorOutput::text;
  bool one_shot = false;      // -1
  int interval_s = 15;        // -i
  std::string cib_file;       // -x FILE
  std::string html_file;      // -h FILE
  bool daemonize = false;     // -d
  std::string pid_file;       // -p FILE
  bool help = false;
  bool version = false;
};

Result<MonitorOptions> parse_monitor_options(const std::vector<std::string>& args);
std::string monitor_usage();

}  // namespace pacer::tools
