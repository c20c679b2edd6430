// Deciding what each resource's actions amount to (Move, Recover, Restart...) and laying the
// lines out as Pacemaker does.
#include "pengine/transition_summary.h"

#include <algorithm>

namespace pacer::pengine {
namespace {

std::string fence_line(const WorkingSet& ws, const Action& fence) {
  return fmt::format("  * Fence ({}) {} '{}'\n", ws.options.stonith_action,
                     ws.nodes[fence.node].uname, fence.reason);
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
    // A stop that cannot run either (its node cannot be fenced) is shown as blocked.
    auto stop_item = [&](const Action* stop, const std::string& reason) {
      if (stop->runnable) return SummaryItem{"Stop", rsc.id, uname(stop->node), reason};
      if (reason.empty()) return SummaryItem{"Stop", rsc.id, uname(stop->node), "", true};
      return SummaryItem{"Stop", rsc.id, uname(stop->node), reason + " (blocked)"};
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
      if (stops.empty())
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
