// crm_mon -h FILE: an HTML status page (rewritten every interval by the caller), for a web
// server to publish. It refreshes itself in the browser at the same interval.
#pragma once

#include <string>

#include "tools/cluster_view.h"
#include "tools/crm_mon_text.h"

namespace pacer::tools {

std::string format_monitor_html(const ClusterView& view, const MonitorDisplay& display,
                                int refresh_seconds);

}  // namespace pacer::tools
