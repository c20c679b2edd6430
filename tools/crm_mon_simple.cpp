// The Nagios line: Pacemaker 1.0's wording ("Ok: 2 nodes online, 6 resources configured",
// "Warning:offline node: pm2"), plus CRITICAL for what 1.0 only reported by failing: no DC and
// failed resources make a check worth waking someone for.
#include "tools/crm_mon_simple.h"

#include <fmt/format.h>

namespace pacer::tools {

SimpleStatus simple_status(const ClusterView& view) {
  std::string offline;
  int online = 0;
  for (const NodeView& n : view.nodes) {
    if (n.online && !n.unclean) ++online;
    else offline += (offline.empty() ? "" : " ") + n.uname;
  }
  if (!view.dc_uname) return {"CRITICAL: no DC: the partition has no elected controller", 2};
  std::string failed;
  for (const ResourceView* p : view.primitives())
    if (p->failed) failed += (failed.empty() ? "" : " ") + p->id;
  if (!failed.empty()) return {fmt::format("CRITICAL: failed resources: {}", failed), 2};
  if (!offline.empty()) return {fmt::format("Warning:offline node: {}", offline), 1};
  return {fmt::format("Ok: {} nodes online, {} resources configured", online,
                      view.configured_count()),
          0};
}

SimpleStatus simple_status_unreachable(const std::string& why) {
  return {fmt::format("CRITICAL: connection to the cluster failed: {}", why), 2};
}

}  // namespace pacer::tools
