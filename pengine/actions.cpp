// Start, stop and monitor actions for every primitive, with group restart propagation.
#include "pengine/actions.h"

#include <algorithm>
#include <map>

#include "pengine/node_scores.h"

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

// Why a start cannot run for lack of quorum, if it cannot: under no-quorum-policy=stop nothing
// may start; under freeze only what is active somewhere may (it moves or restarts).
std::optional<std::string> start_blocked_by_quorum(const WorkingSet& ws, const Resource& rsc) {
  if (ws.options.have_quorum) return std::nullopt;
  if (no_quorum_stop(ws)) return "no quorum";
  if (ws.options.no_quorum_policy == NoQuorumPolicy::kFreeze && rsc.running_on.empty())
    return "quorum freeze";
  return std::nullopt;
}

}  // namespace

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
    for (int node : rsc.stale_failure_on) {
      // crmd clears it on the node itself: not on one that is down or about to be fenced.
      if (fail_count(ws, rsc, node) <= 0 || !ws.nodes[node].online || ws.nodes[node].unclean)
        continue;
      Action clear;
      clear.kind = ActionKind::kClearFailcount;
      clear.rsc = p;
      clear.node = node;
      graph.add(std::move(clear));
    }
    if (!rsc.managed || rsc.frozen) continue;  // watched, never acted on
    auto restart = restart_reason.find(p);
    bool restarting = restart != restart_reason.end();
    // A start that cannot run leaves the resource stopped, so where it runs it must stop, and
    // the summary gives the start's reason.
    auto blocked = rsc.assigned ? start_blocked_by_quorum(ws, rsc) : std::nullopt;
    for (int node : rsc.running_on) {
      if (rsc.assigned == node && !rsc.failed && !restarting && !(blocked && no_quorum_stop(ws)))
        continue;
      Action stop;
      stop.kind = ActionKind::kStop;
      stop.rsc = p;
      stop.node = node;
      if (blocked) stop.reason = *blocked;
      else if (!rsc.assigned) stop.reason = "node availability";
      graph.add(std::move(stop));
    }
    if (!will_start(rsc, restarting)) continue;
    Action start;
    start.kind = ActionKind::kStart;
    start.rsc = p;
    start.node = *rsc.assigned;
    if (restarting) start.reason = restart->second;
    if (blocked) {
      start.runnable = false;
      start.reason = *blocked;
    }
    graph.add(std::move(start));
    if (blocked) continue;
    for (const auto& op : rsc.operations) {
      if (op.name != "monitor" || op.interval_ms == 0) continue;
      Action monitor;
      monitor.kind = ActionKind::kMonitor;
      monitor.rsc = p;
      monitor.node = *rsc.assigned;
      monitor.interval_ms = op.interval_ms;
      graph.add(std::move(monitor));
    }
  }
}

}  // namespace pacer::pengine
