// Promote, demote and role monitors of master/slave instances (see role_actions.h).
#include "pengine/role_actions.h"

namespace pacer::pengine {

bool is_promotable_instance(const WorkingSet& ws, int r) {
  const auto& parent = ws.resources[r].parent;
  return parent && ws.resources[*parent].promotable;
}

Role next_role(const WorkingSet& ws, int r) {
  if (!is_promotable_instance(ws, r)) return Role::kStarted;
  return ws.resources[r].promote ? Role::kMaster : Role::kSlave;
}

std::vector<const OperationSpec*> recurring_monitors(const Resource& rsc, Role role) {
  std::vector<const OperationSpec*> out;
  for (const auto& op : rsc.operations) {
    if (op.name != "monitor" || op.interval_ms == 0) continue;
    if ((op.role == "Master") != (role == Role::kMaster)) continue;
    if (op.role == "Slave" && role == Role::kStarted) continue;
    out.push_back(&op);
  }
  return out;
}

void add_monitors(const WorkingSet& ws, TransitionGraph& graph, int r, int node, Role role) {
  for (const OperationSpec* op : recurring_monitors(ws.resources[r], role)) {
    Action monitor;
    monitor.kind = ActionKind::kMonitor;
    monitor.rsc = r;
    monitor.node = node;
    monitor.interval_ms = op->interval_ms;
    monitor.role = role;
    graph.add(std::move(monitor));
  }
}

namespace {

int add_action(TransitionGraph& graph, ActionKind kind, int r, int node, bool runnable = true) {
  Action action;
  action.kind = kind;
  action.rsc = r;
  action.node = node;
  action.runnable = runnable;
  return graph.add(std::move(action));
}

const Action* action_on(const TransitionGraph& graph, ActionKind kind, int r, int node) {
  for (const Action* a : graph.find_all(kind, r))
    if (a->node == node) return a;
  return nullptr;
}

}  // namespace

void create_role_actions(const WorkingSet& ws, TransitionGraph& graph, int r) {
  const Resource& rsc = ws.resources[r];
  if (!is_promotable_instance(ws, r) || !rsc.managed || rsc.frozen || rsc.blocked) return;
  const Action* start = graph.find(ActionKind::kStart, r);
  std::optional<int> master_on;
  if (rsc.master && !rsc.running_on.empty()) master_on = rsc.running_on.front();
  bool stops_there = master_on && action_on(graph, ActionKind::kStop, r, *master_on);
  bool demote = master_on && (stops_there || !rsc.promote);
  bool promote = rsc.promote && rsc.assigned && (!master_on || start || *master_on != *rsc.assigned);
  if (demote) add_action(graph, ActionKind::kDemote, r, *master_on);
  if (promote) add_action(graph, ActionKind::kPromote, r, *rsc.assigned, !start || start->runnable);
  // A role change in place keeps the instance running: its old role's monitors are cancelled,
  // the new role's started. (A start brings the new role's monitors itself.)
  if (start || !rsc.assigned || rsc.running_on.empty() || stops_there) return;
  if (!demote && !promote) return;
  Role from = demote ? Role::kMaster : Role::kSlave;
  Role to = promote ? Role::kMaster : Role::kSlave;
  for (const OperationSpec* op : recurring_monitors(rsc, from)) {
    Action cancel;
    cancel.kind = ActionKind::kCancel;
    cancel.rsc = r;
    cancel.node = *rsc.assigned;
    cancel.interval_ms = op->interval_ms;
    cancel.role = from;
    graph.add(std::move(cancel));
  }
  add_monitors(ws, graph, r, *rsc.assigned, to);
}

}  // namespace pacer::pengine
