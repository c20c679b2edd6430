// Start, stop and monitor actions for every primitive, from its assignment and start plan.
#include "pengine/actions.h"

#include <algorithm>

#include "pengine/node_scores.h"
#include "pengine/role_actions.h"
#include "pengine/start_states.h"

namespace pacer::pengine {
namespace {

// Primitives of r (itself, a group's members, a clone's instances, recursively).
void primitives_of(const WorkingSet& ws, int r, std::vector<int>& out) {
  if (ws.resources[r].kind == ResourceKind::kPrimitive) {
    out.push_back(r);
    return;
  }
  for (int child : ws.resources[r].children) primitives_of(ws, child, out);
}

// Whether r (any of its primitives) is active somewhere it cannot be stopped.
bool unstoppable(const WorkingSet& ws, const TransitionGraph& graph, int r) {
  std::vector<int> prims;
  primitives_of(ws, r, prims);
  for (int p : prims) {
    const Resource& rsc = ws.resources[p];
    if (rsc.running_on.empty()) continue;
    // After a failure with on-fail=block nothing may be done to it: its stop can never run.
    if (rsc.blocked) return true;
    // A stop blocked only because its node cannot be fenced holds nothing else up.
    for (const Action* stop : graph.find_all(ActionKind::kStop, p))
      if (!stop->runnable && !ws.nodes[stop->node].unclean) return true;
  }
  return false;
}

// A stop that must wait for a stop that cannot run cannot run either: the previous member of a
// group waits for the next one's, the `first` of a symmetrical mandatory order for its `then`'s.
// A resource whose stop is blocked so keeps running where it is: its start is dropped.
}  // namespace

void block_unstoppable(const WorkingSet& ws, TransitionGraph& graph) {
  // While a group has members to start, a member running before one blocked by on-fail=block is
  // restarted with the group, but its stop must wait for the blocked one's: it cannot run.
  for (const Resource& group : ws.resources) {
    if (group.kind != ResourceKind::kGroup) continue;
    bool to_start = std::any_of(group.children.begin(), group.children.end(),
                                [&](int m) { return ws.resources[m].running_on.empty(); });
    if (!to_start) continue;
    for (size_t i = 0; i + 1 < group.children.size(); ++i) {
      const Resource& next = ws.resources[group.children[i + 1]];
      const Resource& rsc = ws.resources[group.children[i]];
      if (!next.blocked || next.running_on.empty() || !rsc.managed || rsc.blocked || rsc.frozen) continue;
      if (!graph.find_all(ActionKind::kStop, group.children[i]).empty()) continue;
      for (int node : rsc.running_on) {
        Action stop;
        stop.kind = ActionKind::kStop;
        stop.rsc = group.children[i];
        stop.node = node;
        graph.add(std::move(stop));
      }
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    auto block = [&](int p, const std::string& reason) {
      for (const Action* found : graph.find_all(ActionKind::kStop, p)) {
        Action& stop = graph.actions[static_cast<size_t>(found->id)];
        if (!stop.runnable) continue;
        stop.runnable = false;
        if (stop.reason.empty()) stop.reason = reason;
        changed = true;
      }
    };
    for (const Resource& group : ws.resources) {
      if (group.kind != ResourceKind::kGroup) continue;
      for (size_t i = 0; i + 1 < group.children.size(); ++i)
        if (unstoppable(ws, graph, group.children[i + 1]))
          block(group.children[i], "unrunnable " + ws.resources[group.children[i + 1]].id + " stop");
    }
    for (const Ordering& order : ws.orderings) {
      // A clone's instances are not held up: its stop event is (as the reference behaves).
      // Nor is anything by a group or clone `then` (its stopped event).
      if (!order.mandatory || !order.symmetrical || !order.between_starts() ||
          ws.resources[order.first].kind == ResourceKind::kClone ||
          ws.resources[order.then].kind != ResourceKind::kPrimitive || !unstoppable(ws, graph, order.then))
        continue;
      std::vector<int> prims;
      primitives_of(ws, order.first, prims);
      for (int p : prims) block(p, "");
    }
  }
  for (Action& start : graph.actions) {
    if (start.kind != ActionKind::kStart || !start.rsc) continue;
    for (const Action* stop : graph.find_all(ActionKind::kStop, *start.rsc))
      if (!stop->runnable) start.runnable = false;
  }
  // A promote waits for its start; the monitors for both.
  for (Action& promote : graph.actions) {
    if (promote.kind != ActionKind::kPromote || !promote.rsc) continue;
    for (const Action* start : graph.find_all(ActionKind::kStart, *promote.rsc))
      if (!start->runnable) promote.runnable = false;
  }
  for (Action& monitor : graph.actions) {
    if (monitor.kind != ActionKind::kMonitor || !monitor.rsc || monitor.interval_ms == 0) continue;
    for (const Action* promote : graph.find_all(ActionKind::kPromote, *monitor.rsc))
      if (!promote->runnable && promote->node == monitor.node) monitor.runnable = false;
    for (const Action* start : graph.find_all(ActionKind::kStart, *monitor.rsc))
      if (!start->runnable && start->node == monitor.node) monitor.runnable = false;
  }
}

void create_resource_actions(WorkingSet& ws, TransitionGraph& graph) {
  const std::vector<StartPlan> plans = plan_starts(ws);
  for (int p : ws.primitives_in_order()) {
    const Resource& rsc = ws.resources[p];
    for (int node : rsc.stale_failure_on) {
      // crmd clears it on the node itself: not on one that is down or about to be fenced, nor
      // for a resource blocked by on-fail=block (nothing is done for it).
      if (raw_fail_count(ws, rsc, node) <= 0 || !ws.nodes[node].online || ws.nodes[node].unclean ||
          rsc.blocked)
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
    if (plan.state == StartState::kNone || plan.state == StartState::kStay) {
      create_role_actions(ws, graph, p);
      continue;
    }
    Action start;
    start.kind = ActionKind::kStart;
    start.rsc = p;
    start.node = rsc.assigned.value_or(rsc.running_on.empty() ? 0 : rsc.running_on.front());
    start.reason = plan.reason;
    if (plan.state == StartState::kBlocked) {
      start.runnable = false;
      graph.add(std::move(start));
      create_role_actions(ws, graph, p);
      continue;
    }
    graph.add(std::move(start));
    add_monitors(ws, graph, p, *rsc.assigned, next_role(ws, p));
    create_role_actions(ws, graph, p);
  }
}

}  // namespace pacer::pengine
