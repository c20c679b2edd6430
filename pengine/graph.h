// The scheduler's output: the actions to take and the orderings between them.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pacer::pengine {

enum class ActionKind { kStart, kStop, kMonitor, kFence };

struct Action {
  int id = 0;
  ActionKind kind = ActionKind::kStart;
  std::optional<int> rsc;  // WorkingSet resource index; none for fencing
  int node = 0;            // where it runs, or the node to fence
  long long interval_ms = 0;
  // Implied by another action (a stop on a node being fenced): recorded, never executed.
  bool pseudo = false;
  bool runnable = true;
  std::string reason;  // why, as the Transition Summary says it ("node availability")
};

struct TransitionGraph {
  std::vector<Action> actions;
  std::vector<std::pair<int, int>> orderings;  // (first, then) by action id

  const Action* find(ActionKind kind, int rsc) const;
  std::vector<const Action*> find_all(ActionKind kind, int rsc) const;
};

}  // namespace pacer::pengine
