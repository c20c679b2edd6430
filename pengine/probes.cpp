// Probe actions and what must wait for them (see probes.h).
#include "pengine/probes.h"

namespace pacer::pengine {
namespace {

// The instance an anonymous clone probes with on a node: the one placed there, else the first.
int probe_instance(const WorkingSet& ws, const Resource& clone, int node) {
  for (int i : clone.children)
    if (ws.resources[i].assigned == node && !ws.resources[i].orphan) return i;
  return clone.children.front();
}

void primitives_of(const WorkingSet& ws, int r, std::vector<int>& out) {
  if (ws.resources[r].kind == ResourceKind::kPrimitive) {
    out.push_back(r);
    return;
  }
  for (int child : ws.resources[r].children) primitives_of(ws, child, out);
}

std::vector<int> probes_of(const WorkingSet& ws, const TransitionGraph& graph, int r) {
  std::vector<int> prims, out;
  primitives_of(ws, r, prims);
  for (int p : prims)
    for (const Action* a : graph.find_all(ActionKind::kMonitor, p))
      if (a->interval_ms == 0) out.push_back(a->id);
  return out;
}

// What "r stops" is ordered by: a primitive's stops, a collective's stop event.
std::vector<int> stops_of(const WorkingSet& ws, const TransitionGraph& graph, int r) {
  std::vector<int> out;
  for (const Action* a : graph.find_all(ActionKind::kStop, r))
    if (a->runnable) out.push_back(a->id);
  (void)ws;
  return out;
}

// The real stops of what restarts or stops because of an order (its start's reason names one), in r
// and in what follows r through mandatory orders.
void caused_stops(const WorkingSet& ws, const TransitionGraph& graph, int r, std::vector<bool>& seen,
                  std::vector<int>& out) {
  if (seen[static_cast<size_t>(r)]) return;
  seen[static_cast<size_t>(r)] = true;
  std::vector<int> prims;
  primitives_of(ws, r, prims);
  for (int p : prims) {
    const Action* start = graph.find(ActionKind::kStart, p);
    if (!start || !(start->reason.starts_with("required ") || start->reason.starts_with("unrunnable ")))
      continue;
    for (int id : stops_of(ws, graph, p))
      if (!graph.actions[static_cast<size_t>(id)].pseudo) out.push_back(id);
  }
  for (const Ordering& order : ws.orderings)
    if (order.mandatory && order.between_starts() && order.first == r) caused_stops(ws, graph, order.then, seen, out);
}

void order_each(TransitionGraph& graph, const std::vector<int>& firsts, const std::vector<int>& thens) {
  for (int f : firsts)
    for (int t : thens) graph.order(f, t);
}

// A probe also comes before the stops that its resource's stop is ordered before (the next
// group member's stop before the previous one's, a symmetrical order's `then` stop before its
// `first` stop): what it finds may have to stop first.
void order_probes_before_stops(const WorkingSet& ws, TransitionGraph& graph) {
  for (int g = 0; g < static_cast<int>(ws.resources.size()); ++g) {
    const Resource& group = ws.resources[g];
    if (group.kind != ResourceKind::kGroup) continue;
    for (size_t i = 0; i + 1 < group.children.size(); ++i) {
      int before = group.children[i], after = group.children[i + 1];
      order_each(graph, probes_of(ws, graph, after), stops_of(ws, graph, before));
      std::vector<int> real_stops;
      for (int id : stops_of(ws, graph, after))
        if (!graph.actions[static_cast<size_t>(id)].pseudo) real_stops.push_back(id);
      order_each(graph, probes_of(ws, graph, before), real_stops);
    }
  }
  for (const Ordering& order : ws.orderings) {
    bool primitive_then = ws.resources[order.then].kind == ResourceKind::kPrimitive;
    if (!order.between_starts()) {
      // "demote M then start X" (or promote then start): X's stop comes before M's promote (or
      // demote), and so do X's probes.
      if (!order.symmetrical || !primitive_then || order.then_action != "start") continue;
      std::vector<int> inverse_first;
      ActionKind kind = order.first_action == "demote" ? ActionKind::kPromote : ActionKind::kDemote;
      for (const Action* a : graph.find_all(kind, order.first)) inverse_first.push_back(a->id);
      order_each(graph, probes_of(ws, graph, order.then), inverse_first);
      continue;
    }
    if (order.symmetrical && primitive_then)
      order_each(graph, probes_of(ws, graph, order.then), stops_of(ws, graph, order.first));
    // What restarts or stops because of `first`'s start (along mandatory orders, transitively)
    // waits for `first`'s probes: what they find may change that.
    if (order.mandatory && ws.resources[order.first].kind == ResourceKind::kPrimitive) {
      std::vector<int> stops;
      std::vector<bool> seen(ws.resources.size(), false);
      caused_stops(ws, graph, order.then, seen, stops);
      order_each(graph, probes_of(ws, graph, order.first), stops);
    }
  }
}

}  // namespace

void create_probes(const WorkingSet& ws, TransitionGraph& graph) {
  for (int n = 0; n < static_cast<int>(ws.nodes.size()); ++n) {
    const Node& node = ws.nodes[n];
    if (!node.online || node.unclean) continue;
    for (int top : ws.top_level) {
      const Resource& rsc = ws.resources[top];
      std::vector<int> targets;
      if (rsc.kind == ResourceKind::kClone) {
        if (!rsc.children.empty()) targets.push_back(probe_instance(ws, rsc, n));
      } else if (rsc.kind == ResourceKind::kGroup) {
        targets = rsc.children;
      } else {
        targets.push_back(top);
      }
      for (int p : targets) {
        if (node.probed.count(ws.resources[p].base_id)) continue;
        Action probe;
        probe.kind = ActionKind::kMonitor;
        probe.rsc = p;
        probe.node = n;
        probe.interval_ms = 0;
        int id = graph.add(std::move(probe));
        // Nothing may start it before its state here is known (a clone instance: through the
        // clone's start event, below).
        if (rsc.kind != ResourceKind::kClone)
          for (const Action* a : graph.find_all(ActionKind::kStart, p))
            if (a->runnable) graph.order(id, a->id);
        // A clone waits for it before starting and before having stopped; a group only before
        // having stopped (its members' starts wait anyway).
        if (rsc.kind == ResourceKind::kClone)
          for (const Action* a : graph.find_all(ActionKind::kStart, top)) graph.order(id, a->id);
        if (rsc.kind != ResourceKind::kPrimitive)
          for (const Action* a : graph.find_all(ActionKind::kStopped, top)) graph.order(id, a->id);
      }
    }
  }
  order_probes_before_stops(ws, graph);
}

}  // namespace pacer::pengine
