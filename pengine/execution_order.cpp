#include "pengine/execution_order.h"

namespace pacer::pengine {

std::vector<int> execution_order(const TransitionGraph& graph) {
  const size_t count = graph.actions.size();
  std::vector<int> indegree(count, 0);
  std::vector<std::vector<int>> successors(count);
  for (const auto& [first, then] : graph.orderings) {
    ++indegree[then];
    successors[first].push_back(then);
  }
  std::vector<bool> done(count, false);
  std::vector<int> order;
  order.reserve(count);
  // Each pass scans in creation order and starts over after a resource action (a real or pseudo
  // one); fencing, clear_failcount and unrunnable actions do not interrupt the scan. That is the
  // order the reference's output lists them in.
  while (order.size() < count) {
    bool progress = false;
    for (const Action& a : graph.actions) {
      if (done[a.id] || indegree[a.id] > 0) continue;
      done[a.id] = true;
      order.push_back(a.id);
      for (int then : successors[a.id]) --indegree[then];
      progress = true;
      if (a.runnable && a.kind != ActionKind::kFence && a.kind != ActionKind::kClearFailcount) break;
    }
    if (!progress) break;  // a cycle: the remaining actions cannot run
  }
  return order;
}

}  // namespace pacer::pengine
