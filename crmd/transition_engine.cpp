#include "crmd/transition_engine.h"

#include <algorithm>

namespace pacer::crmd {

TransitionEngine::TransitionEngine(Graph graph, Initiate initiate)
    : graph_(std::move(graph)), initiate_(std::move(initiate)) {
  // Higher priority first; otherwise the graph's order.
  std::stable_sort(graph_.synapses.begin(), graph_.synapses.end(),
                   [](const Synapse& a, const Synapse& b) { return a.priority > b.priority; });
  for (size_t i = 0; i < graph_.synapses.size(); ++i) {
    index_[graph_.synapses[i].action.id] = i;
    state_[graph_.synapses[i].action.id] = ActionState::waiting;
  }
}

bool TransitionEngine::ready(const Synapse& s) const {
  for (int input : s.inputs)
    if (state_.at(input) != ActionState::confirmed) return false;
  return true;
}

int TransitionEngine::in_flight() const {
  return static_cast<int>(std::count_if(state_.begin(), state_.end(),
                                        [](const auto& e) { return e.second == ActionState::in_flight; }));
}

void TransitionEngine::run(MonoTime now) {
  // Confirming a pseudo event can make others ready: repeat until nothing changes.
  for (bool progress = true; progress && !aborted_;) {
    progress = false;
    for (const Synapse& s : graph_.synapses) {
      if (aborted_) break;
      const GraphAction& a = s.action;
      if (state_[a.id] != ActionState::waiting || !ready(s)) continue;
      if (a.type == ActionType::pseudo_event) {
        state_[a.id] = ActionState::confirmed;
        ++fired_;
        progress = true;
        continue;
      }
      if (graph_.batch_limit > 0 && in_flight() >= graph_.batch_limit) return;
      state_[a.id] = ActionState::in_flight;
      deadline_[a.id] = now + a.timeout + graph_.cluster_delay;
      ++fired_;
      progress = true;
      initiate_(a);  // may call confirm() at once (a local, synchronous action)
    }
  }
}

bool TransitionEngine::confirm(int action_id, bool success, MonoTime now) {
  auto it = state_.find(action_id);
  if (it == state_.end() || it->second != ActionState::in_flight) return false;
  it->second = success ? ActionState::confirmed : ActionState::failed;
  deadline_.erase(action_id);
  if (!success) abort(fmt::format("action {} ({}) failed", action_id, action(action_id)->operation_key));
  run(now);
  return true;
}

std::vector<int> TransitionEngine::expire(MonoTime now) {
  std::vector<int> expired;
  for (const auto& [id, deadline] : deadline_)
    if (now >= deadline) expired.push_back(id);
  for (int id : expired) {
    state_[id] = ActionState::failed;
    deadline_.erase(id);
    abort(fmt::format("action {} ({}) timed out", id, action(id)->operation_key));
  }
  return expired;
}

void TransitionEngine::abort(const std::string& reason) {
  if (aborted_) return;
  aborted_ = true;
  abort_reason_ = reason;
}

bool TransitionEngine::finished() const {
  if (in_flight() > 0) return false;
  if (aborted_) return true;
  for (const Synapse& s : graph_.synapses)
    if (state_.at(s.action.id) == ActionState::waiting && ready(s)) return false;
  return true;
}

bool TransitionEngine::complete() const {
  return finished() && std::all_of(state_.begin(), state_.end(),
                                   [](const auto& e) { return e.second == ActionState::confirmed; });
}

TransitionStats TransitionEngine::stats() const {
  TransitionStats s;
  s.fired = fired_;
  for (const auto& [id, st] : state_) {
    switch (st) {
      case ActionState::confirmed: ++s.complete; break;
      case ActionState::in_flight: ++s.pending; break;
      case ActionState::failed: ++s.incomplete; break;
      case ActionState::waiting: ++s.skipped; break;
    }
  }
  return s;
}

std::optional<MonoTime> TransitionEngine::next_deadline() const {
  std::optional<MonoTime> next;
  for (const auto& [id, d] : deadline_)
    if (!next || d < *next) next = d;
  return next;
}

ActionState TransitionEngine::state(int action_id) const {
  auto it = state_.find(action_id);
  return it == state_.end() ? ActionState::failed : it->second;
}

const GraphAction* TransitionEngine::action(int action_id) const {
  auto it = index_.find(action_id);
  return it == index_.end() ? nullptr : &graph_.synapses[it->second].action;
}

}  // namespace pacer::crmd
