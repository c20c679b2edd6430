// TransitionEngine: runs one transition graph, as pure bookkeeping. Who executes an action, and
// how its result comes back, is the caller's business (the controller sends rsc_ops to the node's
// crmd and fence requests to stonithd); time is passed in.
//
//  * an action fires when every action it waits for is confirmed, at most batch-limit at once;
//  * a pseudo event confirms as soon as it fires;
//  * a failed action, or one not confirmed within its timeout + cluster-delay, aborts the
//    transition: nothing new fires, what is in flight may still complete, then the controller asks
//    the policy engine again.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crmd/transition_graph.h"

namespace pacer::crmd {

enum class ActionState { waiting, in_flight, confirmed, failed };

struct TransitionStats {
  int complete = 0;    // confirmed
  int pending = 0;     // in flight
  int fired = 0;       // fired in total
  int skipped = 0;     // never fired because the transition was aborted
  int incomplete = 0;  // failed or timed out
};

class TransitionEngine {
 public:
  using Initiate = std::function<void(const GraphAction&)>;

  TransitionEngine(Graph graph, Initiate initiate);

  // Fires everything that may fire now.
  void run(MonoTime now);
  // The result of a fired action. Unknown or already-settled ids are ignored (returns false).
  bool confirm(int action_id, bool success, MonoTime now);
  // Fails the in-flight actions whose time is up; returns their ids.
  std::vector<int> expire(MonoTime now);
  void abort(const std::string& reason);

  bool aborted() const { return aborted_; }
  const std::string& abort_reason() const { return abort_reason_; }
  // Nothing in flight and nothing left that may fire.
  bool finished() const;
  // Finished with every action confirmed.
  bool complete() const;
  TransitionStats stats() const;
  std::optional<MonoTime> next_deadline() const;
  const Graph& graph() const { return graph_; }
  ActionState state(int action_id) const;
  const GraphAction* action(int action_id) const;

 private:
  bool ready(const Synapse& s) const;
  int in_flight() const;

  Graph graph_;
  Initiate initiate_;
  std::map<int, size_t> index_;  // action id -> synapse index
  std::map<int, ActionState> state_;
  std::map<int, MonoTime> deadline_;
  int fired_ = 0;
  bool aborted_ = false;
  std::string abort_reason_;
};

}  // namespace pacer::crmd
