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

// The action that says "r has stopped" (a collective's stopped event).
std::vector<const Action*> stopped(const WorkingSet& ws, const TransitionGraph& g, int r) {
  return g.find_all(collective(ws, r) ? ActionKind::kStopped : ActionKind::kStop, r);
}

// The action an order's `first-action`/`then-action` names: a collective's pseudo events (its
// start/stop/promote/demote to begin, running/stopped/promoted/demoted when done), a primitive's
// own action for both.
ActionKind kind_of(std::string_view action, bool done, bool collective) {
  if (action == "stop") return done && collective ? ActionKind::kStopped : ActionKind::kStop;
  if (action == "promote") return done && collective ? ActionKind::kPromoted : ActionKind::kPromote;
  if (action == "demote") return done && collective ? ActionKind::kDemoted : ActionKind::kDemote;
  return done && collective ? ActionKind::kRunning : ActionKind::kStart;
}

std::string_view inverse(std::string_view action) {
  if (action == "stop") return "start";
  if (action == "promote") return "demote";
  if (action == "demote") return "promote";
  return "stop";
}

// Within one master/slave instance: demote before stop and before a promote again, start before
// promote, a role's monitors after the promote/demote giving it, the cancelled monitors before.
void order_role_actions(TransitionGraph& graph, int p) {
  auto same_node = [&](ActionKind first, ActionKind then, auto&& filter) {
    for (const Action* a : graph.find_all(first, p))
      for (const Action* b : graph.find_all(then, p))
        if (a->node == b->node && filter(*a, *b)) graph.order(a->id, b->id);
  };
  auto any = [](const Action&, const Action&) { return true; };
  same_node(ActionKind::kDemote, ActionKind::kStop, any);
  order_all(graph, graph.find_all(ActionKind::kDemote, p), graph.find_all(ActionKind::kPromote, p));
  order_all(graph, graph.find_all(ActionKind::kStart, p), graph.find_all(ActionKind::kPromote, p));
  auto recurring_in = [](Role role) {
    return [role](const Action&, const Action& m) { return m.interval_ms > 0 && m.role == role; };
  };
  // (Wherever the monitor runs: an instance demoted before it moves has its monitor elsewhere.)
  auto after_role_change = [&](ActionKind change, Role role) {
    for (const Action* a : graph.find_all(change, p))
      for (const Action* m : graph.find_all(ActionKind::kMonitor, p))
        if (recurring_in(role)(*a, *m)) graph.order(a->id, m->id);
  };
  after_role_change(ActionKind::kPromote, Role::kMaster);
  after_role_change(ActionKind::kDemote, Role::kSlave);
  same_node(ActionKind::kCancel, ActionKind::kDemote, any);
  same_node(ActionKind::kCancel, ActionKind::kPromote, any);
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
    order_role_actions(graph, p);
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
    bool first_collective = collective(ws, order.first), then_collective = collective(ws, order.then);
    order_all(graph, graph.find_all(kind_of(order.first_action, true, first_collective), order.first),
              graph.find_all(kind_of(order.then_action, false, then_collective), order.then));
    if (order.symmetrical)
      order_all(graph, graph.find_all(kind_of(inverse(order.then_action), true, then_collective), order.then),
                graph.find_all(kind_of(inverse(order.first_action), false, first_collective), order.first));
  }
}

}  // namespace pacer::pengine
