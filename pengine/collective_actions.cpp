// Pseudo events bracketing the member actions of groups and clones.
#include "pengine/collective_actions.h"

#include "pengine/fencing.h"

namespace pacer::pengine {
namespace {

bool fence_devices_only(const WorkingSet& ws, int r);

int add_pseudo(TransitionGraph& graph, ActionKind kind, int rsc) {
  Action action;
  action.kind = kind;
  action.rsc = rsc;
  action.pseudo = true;
  return graph.add(std::move(action));
}

// `open -> each member action -> close`, created only when some member has such an action.
std::optional<std::pair<int, int>> bracket(const WorkingSet& ws, TransitionGraph& graph, int r,
                                           ActionKind member_kind, ActionKind open_kind,
                                           ActionKind close_kind, bool open_before_close = true) {
  std::vector<int> members;
  for (int p : member_primitives(ws, r))
    for (const Action* a : graph.find_all(member_kind, p))
      if (a->runnable) members.push_back(a->id);
  if (members.empty()) return std::nullopt;
  int open = add_pseudo(graph, open_kind, r);
  int close = add_pseudo(graph, close_kind, r);
  if (open_before_close) graph.order(open, close);
  for (int m : members) {
    graph.order(open, m);
    graph.order(m, close);
  }
  return std::pair{open, close};
}

bool fence_devices_only(const WorkingSet& ws, int r) {
  for (int p : member_primitives(ws, r))
    if (ws.resources[p].rclass != "stonith") return false;
  return true;
}

}  // namespace

std::vector<int> member_primitives(const WorkingSet& ws, int r) {
  if (ws.resources[r].kind == ResourceKind::kPrimitive) return {r};
  std::vector<int> out;
  for (int child : ws.resources[r].children) {
    auto more = member_primitives(ws, child);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

void create_collective_actions(const WorkingSet& ws, TransitionGraph& graph) {
  std::vector<int> fences;
  for (const Action& a : graph.actions)
    if (a.kind == ActionKind::kFence) fences.push_back(a.id);
  for (int r = 0; r < static_cast<int>(ws.resources.size()); ++r) {
    const Resource& rsc = ws.resources[r];
    if (rsc.kind == ResourceKind::kPrimitive) continue;
    auto stops = bracket(ws, graph, r, ActionKind::kStop, ActionKind::kStop, ActionKind::kStopped);
    auto starts = bracket(ws, graph, r, ActionKind::kStart, ActionKind::kStart, ActionKind::kRunning);
    // A collective restarting somewhere else finishes stopping before it starts again.
    if (stops && starts) graph.order(stops->second, starts->first);
    if (rsc.promotable) {
      // Demotions come first, then stops, starts, and promotions last. (The reference does not
      // order its promote event before its promoted one.)
      auto demotes = bracket(ws, graph, r, ActionKind::kDemote, ActionKind::kDemote, ActionKind::kDemoted);
      auto promotes = bracket(ws, graph, r, ActionKind::kPromote, ActionKind::kPromote,
                              ActionKind::kPromoted, false);
      for (const auto& before : {demotes, stops, starts})
        for (const auto& after : {stops, starts, promotes})
          if (before && after && before != after && !(before == starts && after == stops))
            graph.order(before->second, after->first);
    }
    if (!stops) continue;
    // 2.1.5 quirk: without quorum (policy stop) a stopping collective of fence devices, which
    // need no quorum, still gets its start event (with no member starts) after the stopped one.
    if (!starts && fence_devices_only(ws, r) && !ws.options.have_quorum &&
        (ws.options.no_quorum_policy == NoQuorumPolicy::kStop ||
         ws.options.no_quorum_policy == NoQuorumPolicy::kSuicide))
      graph.order(stops->second, add_pseudo(graph, ActionKind::kStart, r));
    // Its stop waits for the fencing that implies a member's stop (fence devices excepted).
    for (int p : member_primitives(ws, r)) {
      if (!requires_fencing(ws, p)) continue;
      for (const Action* stop : graph.find_all(ActionKind::kStop, p)) {
        if (!stop->pseudo) continue;
        for (int f : fences)
          if (graph.actions[f].node == stop->node) graph.order(f, stops->first);
      }
    }
  }
}

}  // namespace pacer::pengine
