// Ordering edges of the transition graph (see docs/transition-graph.md for the full list).
#include "pengine/orderings.h"

#include "pengine/collective_actions.h"
#include "pengine/fencing.h"

namespace pacer::pengine {
namespace {

void order_all(TransitionGraph& graph, const std::vector<const Action*>& firsts,
               const std::vector<const Action*>& thens) {
  for (const Action* first : firsts)
    for (const Action* then : thens) graph.order(first->id, then->id);
}

bool collective(const WorkingSet& ws, int r) { return ws.resources[r].kind != ResourceKind::kPrimitive; }

// The action that says "r has started" (a collective's running event) and "r may start" (its
// start event), and likewise for stopping.
std::vector<const Action*> started(const WorkingSet& ws, const TransitionGraph& g, int r) {
  return g.find_all(collective(ws, r) ? ActionKind::kRunning : ActionKind::kStart, r);
}
std::vector<const Action*> stopped(const WorkingSet& ws, const TransitionGraph& g, int r) {
  return g.find_all(collective(ws, r) ? ActionKind::kStopped : ActionKind::kStop, r);
}

}  // namespace

void create_orderings(const WorkingSet& ws, TransitionGraph& graph) {
  std::vector<const Action*> fences;
  for (const Action& a : graph.actions)
    if (a.kind == ActionKind::kFence) fences.push_back(&a);
  // Fencing is serialized (2.1.5's concurrent-fencing=false): each after the one before.
  for (size_t i = 1; i < fences.size(); ++i) graph.order(fences[i - 1]->id, fences[i]->id);
  // Once the fencing matters to anything (a start waits for it, or it implies a stop), the fence
  // devices' starts wait for it too.
  bool starts_wait = false;
  for (int p : ws.primitives_in_order())
    if (requires_fencing(ws, p) && !graph.find_all(ActionKind::kStart, p).empty()) starts_wait = true;
  for (const Action& a : graph.actions)
    if (a.kind == ActionKind::kStop && a.pseudo && ws.nodes[a.node].unclean) starts_wait = true;
  for (int p : ws.primitives_in_order()) {
    auto starts = graph.find_all(ActionKind::kStart, p);
    order_all(graph, graph.find_all(ActionKind::kStop, p), starts);
    std::vector<const Action*> recurring;  // probes (interval 0) come before, not after
    for (const Action* m : graph.find_all(ActionKind::kMonitor, p))
      if (m->interval_ms > 0) recurring.push_back(m);
    order_all(graph, starts, recurring);
    // Nothing that could be running on an unclean node may start before that node is fenced.
    if (requires_fencing(ws, p) || starts_wait) order_all(graph, fences, starts);
  }
  for (const Resource& group : ws.resources) {
    if (group.kind != ResourceKind::kGroup) continue;
    for (size_t i = 1; i < group.children.size(); ++i) {
      int before = group.children[i - 1], after = group.children[i];
      order_all(graph, graph.find_all(ActionKind::kStart, before),
                graph.find_all(ActionKind::kStart, after));
      order_all(graph, graph.find_all(ActionKind::kStop, after),
                graph.find_all(ActionKind::kStop, before));
    }
  }
  // Resources that must never share a node (a -INFINITY colocation): each one's stop comes
  // before the other's start, so that they can swap nodes.
  // Two actions that both run on a node are only linked on the same node.
  auto anti_order = [&](int first_rsc, int then_rsc) {
    for (const Action* first : stopped(ws, graph, first_rsc))
      for (const Action* then : graph.find_all(ActionKind::kStart, then_rsc)) {
        bool both_placed = !collective(ws, first_rsc) && !collective(ws, then_rsc);
        if (both_placed && first->node != then->node) continue;
        graph.order(first->id, then->id);
      }
  };
  for (const Colocation& col : ws.colocations) {
    if (col.score > -kInfinity) continue;
    anti_order(col.with_rsc, col.rsc);
    anti_order(col.rsc, col.with_rsc);
  }
  for (const Ordering& order : ws.orderings) {
    order_all(graph, started(ws, graph, order.first), graph.find_all(ActionKind::kStart, order.then));
    if (order.symmetrical)
      order_all(graph, stopped(ws, graph, order.then), graph.find_all(ActionKind::kStop, order.first));
  }
}

}  // namespace pacer::pengine
