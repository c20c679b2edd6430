// Start, stop and monitor actions for every primitive, from its assignment and start plan.
#include "pengine/actions.h"

#include "pengine/node_scores.h"
#include "pengine/start_states.h"

namespace pacer::pengine {

void create_resource_actions(WorkingSet& ws, TransitionGraph& graph) {
  const std::vector<StartPlan> plans = plan_starts(ws);
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
    if (!rsc.managed || rsc.frozen || rsc.blocked) continue;  // watched, never acted on
    const StartPlan& plan = plans[p];
    // Where it runs it stops unless it stays there; a blocked start leaves it stopped, and the
    // summary gives the start's reason.
    for (int node : rsc.running_on) {
      if (plan.state == StartState::kStay && rsc.assigned == node) continue;
      Action stop;
      stop.kind = ActionKind::kStop;
      stop.rsc = p;
      stop.node = node;
      if (!rsc.assigned) stop.reason = "node availability";
      graph.add(std::move(stop));
    }
    if (plan.state == StartState::kNone || plan.state == StartState::kStay) continue;
    Action start;
    start.kind = ActionKind::kStart;
    start.rsc = p;
    start.node = rsc.assigned.value_or(rsc.running_on.empty() ? 0 : rsc.running_on.front());
    start.reason = plan.reason;
    if (plan.state == StartState::kBlocked) {
      start.runnable = false;
      graph.add(std::move(start));
      continue;
    }
    graph.add(std::move(start));
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
