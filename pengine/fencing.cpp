// Fence actions for unclean nodes; stops there are implied by the fencing.
#include "pengine/fencing.h"

namespace pacer::pengine {

void create_fencing_actions(const WorkingSet& ws, TransitionGraph& graph) {
  if (!ws.options.stonith_enabled) return;
  for (int n = 0; n < static_cast<int>(ws.nodes.size()); ++n) {
    const Node& node = ws.nodes[n];
    if (!node.unclean) continue;
    Action fence;
    fence.id = static_cast<int>(graph.actions.size());
    fence.kind = ActionKind::kFence;
    fence.node = n;
    fence.reason = node.fence_reason;
    graph.actions.push_back(fence);
    for (auto& action : graph.actions) {
      if (action.kind != ActionKind::kStop || action.node != n) continue;
      action.pseudo = true;
      graph.orderings.emplace_back(fence.id, action.id);
    }
  }
}

}  // namespace pacer::pengine
