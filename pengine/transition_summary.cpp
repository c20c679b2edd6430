// Deciding what each resource's actions amount to (Move, Recover, Restart...) and laying the
// lines out as Pacemaker does.
#include "pengine/transition_summary.h"

#include <algorithm>

#include "pengine/role_actions.h"

namespace pacer::pengine {
namespace {

std::string fence_line(const WorkingSet& ws, const Action& fence) {
  return fmt::format("  * Fence ({}) {} '{}'\n", ws.options.stonith_action,
                     ws.nodes[fence.node].uname, fence.reason);
}

// Role names as 2.1.5 prints them; kStarted sorts below the master/slave roles.
const char* role_name(Role role) {
  switch (role) {
    case Role::kStopped: return "Stopped";
    case Role::kStarted: return "Started";
    case Role::kSlave: return "Unpromoted";
    case Role::kMaster: return "Promoted";
  }
  return "Unknown";
}

// A master/slave instance's line: the change is named from where it is and what it is to be,
// the roles shown when either side is more than plain running (as the reference does).
std::optional<SummaryItem> instance_item(const WorkingSet& ws, const TransitionGraph& graph, int p) {
  const Resource& rsc = ws.resources[p];
  const Action* start = graph.find(ActionKind::kStart, p);
  auto stops = graph.find_all(ActionKind::kStop, p);
  std::optional<int> origin, destination;
  if (!rsc.running_on.empty()) origin = rsc.running_on.front();
  Role from = !origin ? Role::kStopped : rsc.master ? Role::kMaster : Role::kSlave;
  bool stays = origin && stops.empty();
  if (start) destination = start->node;
  else if (stays) destination = origin;
  Role to = !destination ? Role::kStopped : rsc.promote ? Role::kMaster : Role::kSlave;
  if (!origin && !destination) return std::nullopt;
  auto uname = [&](int n) { return ws.nodes[n].uname; };
  bool need_role = from > Role::kStarted || to > Role::kSlave;
  SummaryItem item{"", rsc.id, "", ""};
  if (!origin) {
    item.change = to == Role::kMaster ? "Promote" : "Start";
    item.details = need_role ? fmt::format("{} -> {} {}", role_name(from), role_name(to), uname(*destination))
                             : uname(*destination);
    item.reason = start->reason;
    return item;
  }
  if (!destination) {
    item.change = "Stop";
    item.details = need_role ? fmt::format("{} {}", role_name(from), uname(*origin)) : uname(*origin);
    item.reason = stops.empty() ? "" : stops.front()->reason;
    return item;
  }
  if (*origin == *destination) {
    if (stays && from == to) return std::nullopt;
    if (stays) item.change = to == Role::kMaster ? "Promote" : "Demote";
    else item.change = rsc.failed ? "Recover" : "Restart";
    if (!stays && !rsc.failed) item.reason = start->reason;
    item.details = from != to ? fmt::format("{} -> {} {}", role_name(from), role_name(to), uname(*origin))
                   : need_role ? fmt::format("{} {}", role_name(from), uname(*origin))
                               : uname(*origin);
    return item;
  }
  item.change = rsc.failed ? "Recover" : "Move";
  std::string move = fmt::format("{} -> {}", uname(*origin), uname(*destination));
  if (from != to)
    item.details = fmt::format("{} {} -> {} {}", role_name(from), uname(*origin), role_name(to), uname(*destination));
  else
    item.details = need_role ? fmt::format("{} {}", move, role_name(to)) : move;
  return item;
}

}  // namespace

std::vector<SummaryItem> summary_items(const Schedule& schedule) {
  const WorkingSet& ws = schedule.working_set;
  const TransitionGraph& graph = schedule.graph;
  std::vector<SummaryItem> items;
  for (int p : ws.primitives_by_priority()) {
    const Resource& rsc = ws.resources[p];
    const Action* start = graph.find(ActionKind::kStart, p);
    auto stops = graph.find_all(ActionKind::kStop, p);
    auto uname = [&](int n) { return ws.nodes[n].uname; };
    // After a failure with on-fail=block it is no longer managed: nothing is done, nothing shown.
    if (rsc.blocked) continue;
    bool all_runnable = std::all_of(stops.begin(), stops.end(), [](const Action* a) { return a->runnable; }) &&
                        (!start || start->runnable);
    if (is_promotable_instance(ws, p) && all_runnable) {
      if (auto item = instance_item(ws, graph, p)) items.push_back(std::move(*item));
      continue;
    }
    // A stop that cannot run either (its node cannot be fenced) is shown as blocked.
    // (A master/slave instance's stop names the role it stops from.)
    auto stop_item = [&](const Action* stop, const std::string& reason) {
      std::string where = uname(stop->node);
      if (is_promotable_instance(ws, p)) where = fmt::format("{} {}", role_name(rsc.master ? Role::kMaster : Role::kSlave), where);
      if (stop->runnable) return SummaryItem{"Stop", rsc.id, where, reason};
      if (reason.empty()) return SummaryItem{"Stop", rsc.id, where, "", true};
      return SummaryItem{"Stop", rsc.id, where, reason + " (blocked)"};
    };
    // A stop that cannot run keeps it where it is: only the blocked stop is shown.
    if (std::any_of(stops.begin(), stops.end(), [](const Action* stop) { return !stop->runnable; })) {
      for (const Action* stop : stops)
        items.push_back(stop_item(stop, stop->reason.empty() && start ? start->reason : stop->reason));
      continue;
    }
    if (start && !start->runnable) {
      // It cannot start: where it runs it stops for the start's reason; elsewhere the start is
      // shown as blocked.
      for (const Action* stop : stops) items.push_back(stop_item(stop, start->reason));
      // (An instance that was to be promoted too shows the promotion, blocked.)
      if (stops.empty() && is_promotable_instance(ws, p) && rsc.promote)
        items.push_back({"Promote", rsc.id, "Stopped -> Promoted " + uname(start->node), "", true});
      else if (stops.empty())
        items.push_back({"Start", rsc.id, uname(start->node), start->reason + " (blocked)"});
      continue;
    }
    if (!start) {
      for (const Action* stop : stops) items.push_back(stop_item(stop, stop->reason));
      continue;
    }
    if (stops.empty()) {
      items.push_back({"Start", rsc.id, uname(start->node), start->reason});
      continue;
    }
    int from = stops.front()->node;
    if (from != start->node) {
      items.push_back({rsc.failed ? "Recover" : "Move", rsc.id,
                       uname(from) + " -> " + uname(start->node), ""});
    } else if (rsc.failed) {
      items.push_back({"Recover", rsc.id, uname(from), ""});
    } else {
      items.push_back({"Restart", rsc.id, uname(from), start->reason});
    }
  }
  return items;
}

std::string format_transition_summary(const Schedule& schedule) {
  const WorkingSet& ws = schedule.working_set;
  std::string out = "Transition Summary:\n";
  // The reference lists fencing newest first (the last node in the CIB first).
  for (auto it = schedule.graph.actions.rbegin(); it != schedule.graph.actions.rend(); ++it)
    if (it->kind == ActionKind::kFence) out += fence_line(ws, *it);
  auto items = summary_items(schedule);
  size_t rsc_width = 5, detail_width = 5;
  for (const auto& item : items) {
    if (item.rsc.size() > rsc_width) rsc_width = item.rsc.size() + 2;
    detail_width = std::max(detail_width, item.details.size());
  }
  for (const auto& item : items) {
    out += fmt::format("  * {:<8}   {:<{}}   ( {:>{}} ){}\n", item.change, item.rsc, rsc_width,
                       item.details, detail_width,
                       item.blocked ? "  blocked" : item.reason.empty() ? "" : "  due to " + item.reason);
  }
  return out;
}

}  // namespace pacer::pengine
