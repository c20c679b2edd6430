// Ordering edges of the transition graph.
#include "pengine/orderings.h"

namespace pacer::pengine {
namespace {

// Every primitive under `r` (itself when it is one).
std::vector<int> primitives_under(const WorkingSet& ws, int r) {
  if (ws.resources[r].kind == ResourceKind::kPrimitive) return {r};
  std::vector<int> out;
  for (int child : ws.resources[r].children) {
    auto more = primitives_under(ws, child);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

void order_all(const WorkingSet& ws, TransitionGraph& graph, int first_rsc, ActionKind first_kind,
               int then_rsc, ActionKind then_kind) {
  for (int a : primitives_under(ws, first_rsc))
    for (const Action* first : graph.find_all(first_kind, a))
      for (int b : primitives_under(ws, then_rsc))
        for (const Action* then : graph.find_all(then_kind, b))
          graph.orderings.emplace_back(first->id, then->id);
}

}  // namespace

void create_orderings(const WorkingSet& ws, TransitionGraph& graph) {
  for (int p : ws.primitives_in_order()) {
    const Action* start = graph.find(ActionKind::kStart, p);
    if (!start) continue;
    for (const Action* stop : graph.find_all(ActionKind::kStop, p))
      graph.orderings.emplace_back(stop->id, start->id);
    for (const Action* monitor : graph.find_all(ActionKind::kMonitor, p))
      graph.orderings.emplace_back(start->id, monitor->id);
  }
  for (const Resource& group : ws.resources) {
    if (group.kind != ResourceKind::kGroup) continue;
    for (size_t i = 1; i < group.children.size(); ++i) {
      int before = group.children[i - 1], after = group.children[i];
      order_all(ws, graph, before, ActionKind::kStart, after, ActionKind::kStart);
      order_all(ws, graph, after, ActionKind::kStop, before, ActionKind::kStop);
    }
  }
  for (const Ordering& order : ws.orderings) {
    order_all(ws, graph, order.first, ActionKind::kStart, order.then, ActionKind::kStart);
    if (order.symmetrical)
      order_all(ws, graph, order.then, ActionKind::kStop, order.first, ActionKind::kStop);
  }
}

}  // namespace pacer::pengine
