// Bookkeeping of the transition graph: ids, de-duplicated edges, lookup by resource.
#include "pengine/graph.h"

namespace pacer::pengine {

int TransitionGraph::add(Action action) {
  action.id = static_cast<int>(actions.size());
  if (action.rsc) by_rsc_[{static_cast<int>(action.kind), *action.rsc}].push_back(action.id);
  actions.push_back(std::move(action));
  return actions.back().id;
}

void TransitionGraph::order(int first, int then) {
  if (first == then || !edge_set_.emplace(first, then).second) return;
  orderings.emplace_back(first, then);
}

const Action* TransitionGraph::find(ActionKind kind, int rsc) const {
  auto found = by_rsc_.find({static_cast<int>(kind), rsc});
  return found == by_rsc_.end() ? nullptr : &actions[found->second.front()];
}

std::vector<const Action*> TransitionGraph::find_all(ActionKind kind, int rsc) const {
  std::vector<const Action*> out;
  auto found = by_rsc_.find({static_cast<int>(kind), rsc});
  if (found != by_rsc_.end())
    for (int id : found->second) out.push_back(&actions[id]);
  return out;
}

}  // namespace pacer::pengine
