// crm_mon's screen in Pacemaker 1.0's text layout (shared/spec/crm-mon.md section 1): header,
// nodes, resources, and on request node attributes (-A), the migration summary (-f) or the
// operation history (-o), then Failed actions. Pure: a ClusterView in, the screen out.
#pragma once

#include <string>

#include "tools/cluster_view.h"

namespace pacer::tools {

struct MonitorDisplay {
  bool fail_counts = false;    // -f
  bool attributes = false;     // -A
  bool inactive = false;       // -r
  bool group_by_node = false;  // -n
  bool operations = false;     // -o
  std::string last_updated;    // ctime(now) without the newline: "Fri Jul 15 19:05:36 2011"
};

std::string format_monitor_text(const ClusterView& view, const MonitorDisplay& display);

// "Fri Jul  8 16:47:51 2011" for a time_t, in local time (1.0 printed ctime()).
std::string ctime_text(long long epoch_seconds);

// The Connectivity note for a node attribute, "" when none: value <= 0 is lost, less than the
// ping resource's hosts x multiplier is degraded. Shared with the XML and HTML outputs.
std::string connectivity_note(const ClusterView& view, const NodeView& node,
                              const std::string& name, const std::string& value);
bool is_hidden_attribute(std::string_view name);

}  // namespace pacer::tools
