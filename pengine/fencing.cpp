// Fence actions for unclean nodes; stops there are implied by the fencing.
#include "pengine/fencing.h"

#include <vector>

namespace pacer::pengine {

void create_fencing_actions(const WorkingSet& ws, TransitionGraph& graph) {
  if (!ws.options.stonith_enabled) return;
  // Without a fence device nobody can be shot (and nothing is acted on, see assignment).
  bool have_device = false;
  for (const Resource& rsc : ws.resources)
    if (rsc.kind == ResourceKind::kPrimitive && rsc.rclass == "stonith") have_device = true;
  if (!have_device) return;
  // A partition without quorum may not shoot anyone (unless told to ignore quorum): what runs on
  // an unclean node then cannot be stopped at all.
  if (!ws.options.have_quorum && ws.options.no_quorum_policy != NoQuorumPolicy::kIgnore) {
    for (auto& action : graph.actions)
      if (action.kind == ActionKind::kStop && ws.nodes[action.node].unclean) action.runnable = false;
    return;
  }
  // The DC (when it must be shot) goes last: everything else is done before it is lost.
  std::vector<int> order;
  for (int n = 0; n < static_cast<int>(ws.nodes.size()); ++n)
    if (ws.nodes[n].id != ws.options.dc_uuid) order.push_back(n);
  for (int n = 0; n < static_cast<int>(ws.nodes.size()); ++n)
    if (ws.nodes[n].id == ws.options.dc_uuid) order.push_back(n);
  for (int n : order) {
    const Node& node = ws.nodes[n];
    if (!node.unclean) continue;
    Action fence;
    fence.kind = ActionKind::kFence;
    fence.node = n;
    fence.reason = node.fence_reason;
    int fence_id = graph.add(std::move(fence));
    for (auto& action : graph.actions) {
      if (action.kind != ActionKind::kStop || action.node != n || !action.rsc) continue;
      action.pseudo = true;
      // A fence device's stop there must not wait for the fencing it may have to carry out.
      if (!requires_fencing(ws, *action.rsc)) continue;
      graph.order(fence_id, action.id);
    }
  }
}

bool requires_fencing(const WorkingSet& ws, int rsc) {
  return ws.options.stonith_enabled && ws.resources[rsc].rclass != "stonith";
}

}  // namespace pacer::pengine
