// The scheduler's output: the actions to take and the orderings between them.
//
// docs/transition-graph.md describes the XML form crmd receives (graph_xml.h writes it).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pengine/working_set.h"

namespace pacer::pengine {

// kRunning/kStopped/kPromoted/kDemoted (and kStart/kStop/kPromote/kDemote on a group or clone)
// are the pseudo events that bracket a collective's member actions; kClearFailcount is a
// crm_event crmd carries out itself; kCancel stops a recurring monitor (of interval_ms) that no
// longer fits the resource's role.
enum class ActionKind {
  kStart, kStop, kMonitor, kFence, kRunning, kStopped, kClearFailcount,
  kPromote, kDemote, kPromoted, kDemoted, kCancel
};

struct Action {
  int id = 0;
  ActionKind kind = ActionKind::kStart;
  std::optional<int> rsc;  // WorkingSet resource index (a group or clone for its pseudo events)
  int node = 0;            // where it runs, or the node to fence
  long long interval_ms = 0;
  Role role = Role::kStarted;  // a recurring monitor's role (kMaster/kSlave for master/slave)
  // Implied by another action (a stop on a node being fenced) or a collective's marker:
  // recorded and ordered, never executed.
  bool pseudo = false;
  bool runnable = true;
  std::string reason;  // why, as the Transition Summary says it ("node availability")
};

struct TransitionGraph {
  std::vector<Action> actions;
  std::vector<std::pair<int, int>> orderings;  // (first, then) by action id, creation order

  int add(Action action);           // assigns the id
  void order(int first, int then);  // records an edge once; self-edges are ignored
  const Action* find(ActionKind kind, int rsc) const;
  std::vector<const Action*> find_all(ActionKind kind, int rsc) const;

 private:
  std::set<std::pair<int, int>> edge_set_;
  std::map<std::pair<int, int>, std::vector<int>> by_rsc_;  // (kind, rsc) -> action ids
};

}  // namespace pacer::pengine
