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
        // Nothing may start or stop it before its state here is known.
        for (ActionKind kind : {ActionKind::kStart, ActionKind::kStop})
          for (const Action* a : graph.find_all(kind, p))
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
}

}  // namespace pacer::pengine
