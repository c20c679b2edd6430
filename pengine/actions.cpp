// Start, stop and monitor actions for every primitive, with group restart propagation.
#include "pengine/actions.h"

#include <algorithm>
#include <map>

namespace pacer::pengine {
namespace {

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

bool will_start(const Resource& rsc, bool restart) {
  return rsc.assigned && (!contains(rsc.running_on, *rsc.assigned) || rsc.failed || restart);
}

// Without quorum under no-quorum-policy=stop every resource stops, and the summary says why.
bool no_quorum_stop(const WorkingSet& ws) {
  return !ws.options.have_quorum && (ws.options.no_quorum_policy == NoQuorumPolicy::kStop ||
                                     ws.options.no_quorum_policy == NoQuorumPolicy::kSuicide);
}

int add(TransitionGraph& graph, Action action) {
  action.id = static_cast<int>(graph.actions.size());
  graph.actions.push_back(std::move(action));
  return graph.actions.back().id;
}

}  // namespace

const Action* TransitionGraph::find(ActionKind kind, int rsc) const {
  for (const auto& a : actions)
    if (a.kind == kind && a.rsc == rsc) return &a;
  return nullptr;
}

std::vector<const Action*> TransitionGraph::find_all(ActionKind kind, int rsc) const {
  std::vector<const Action*> out;
  for (const auto& a : actions)
    if (a.kind == kind && a.rsc == rsc) out.push_back(&a);
  return out;
}

void create_resource_actions(WorkingSet& ws, TransitionGraph& graph) {
  // A group starts in order, so a member that (re)starts forces every later member still running
  // on that node to restart after it.
  std::map<int, std::string> restart_reason;
  for (int r = 0; r < static_cast<int>(ws.resources.size()); ++r) {
    const Resource& group = ws.resources[r];
    if (group.kind != ResourceKind::kGroup) continue;
    for (size_t i = 1; i < group.children.size(); ++i) {
      int prev = group.children[i - 1], member = group.children[i];
      bool prev_starts = will_start(ws.resources[prev], restart_reason.count(prev) > 0);
      if (prev_starts && !will_start(ws.resources[member], false) && ws.resources[member].assigned)
        restart_reason[member] = "required " + ws.resources[prev].id + " start";
    }
  }

  for (int p : ws.primitives_in_order()) {
    const Resource& rsc = ws.resources[p];
    auto restart = restart_reason.find(p);
    bool restarting = restart != restart_reason.end();
    for (int node : rsc.running_on) {
      if (rsc.assigned == node && !rsc.failed && !restarting) continue;
      Action stop;
      stop.kind = ActionKind::kStop;
      stop.rsc = p;
      stop.node = node;
      if (!rsc.assigned) stop.reason = no_quorum_stop(ws) ? "no quorum" : "node availability";
      add(graph, std::move(stop));
    }
    if (!will_start(rsc, restarting)) continue;
    Action start;
    start.kind = ActionKind::kStart;
    start.rsc = p;
    start.node = *rsc.assigned;
    if (restarting) start.reason = restart->second;
    add(graph, std::move(start));
    for (const auto& op : rsc.operations) {
      if (op.name != "monitor" || op.interval_ms == 0) continue;
      Action monitor;
      monitor.kind = ActionKind::kMonitor;
      monitor.rsc = p;
      monitor.node = *rsc.assigned;
      monitor.interval_ms = op.interval_ms;
      add(graph, std::move(monitor));
    }
  }
}

}  // namespace pacer::pengine
