// crm_mon -X: the cluster state as XML, an extension Pacemaker 1.0 lacked. The layout is
// documented by tools/crm_mon.rng (RelaxNG); the "version" attribute of <crm_mon> names it.
#pragma once

#include <string>

#include "tools/cluster_view.h"

namespace pacer::tools {

inline constexpr const char* kMonitorXmlVersion = "1.0";

std::string format_monitor_xml(const ClusterView& view, const std::string& last_updated);

}  // namespace pacer::tools
