// crm_mon -s: one line for Nagios-style checks, with the plugin exit codes (0 OK, 1 WARNING,
// 2 CRITICAL). Pure: a ClusterView in, the line and the code out.
#pragma once

#include <string>

#include "tools/cluster_view.h"

namespace pacer::tools {

struct SimpleStatus {
  std::string line;  // without the newline
  int exit_code = 0;
};

SimpleStatus simple_status(const ClusterView& view);
// When the CIB cannot be read at all.
SimpleStatus simple_status_unreachable(const std::string& why);

}  // namespace pacer::tools
