// DC election among the members of heartbeatd's membership, decided as Pacemaker 1.0 did: the
// higher CRM feature set wins, then the controller that started earlier, then the lower node
// name. A vote carries its controller's start time, not its uptime: uptime grows while a vote
// travels, so two nodes comparing each other's votes could both find the other one older and both
// concede. Pure bookkeeping; messages and timers are the controller's.
//
// Every candidate broadcasts its vote. On a vote, a node compares: if the other is better it
// answers "no vote" and has lost; if it is better itself it answers with its own vote, so the other
// loses. A candidate that has a "no vote" from every other member has won. A member that never
// answers (its controller is not running) is waited for until election-timeout, then the
// candidate that has not lost wins.
#pragma once

#include <cstdint>
#include <set>
#include <string>

namespace pacer::crmd {

struct Vote {
  std::string node;
  std::string feature_set;   // "3.0.1"
  int64_t started_ms = 0;    // when this controller started, ms since the epoch: earlier wins
  uint64_t election_id = 0;  // which round of the sender
};

// > 0 when a beats b, < 0 when b beats a; never 0 for two different nodes.
int compare_votes(const Vote& a, const Vote& b);
// "3.0.10" > "3.0.9".
int compare_versions(const std::string& a, const std::string& b);

class Election {
 public:
  explicit Election(std::string local_node) : local_(std::move(local_node)) {}

  // Starts a new round among `members` (the local node included); returns our vote to broadcast.
  Vote start(std::set<std::string> members, const std::string& feature_set, int64_t started_ms);

  enum class Reply { none, no_vote, our_vote };
  // A vote from another node: what to answer it.
  Reply on_vote(const Vote& vote);
  // Another node conceded our round `election_id`.
  void on_no_vote(const std::string& from, uint64_t election_id);
  // A member left: it no longer needs to concede.
  void member_left(const std::string& node);

  bool running() const { return running_; }
  bool lost() const { return lost_; }
  // Won: not lost, and every other member conceded.
  bool won() const;
  // Used when election-timeout expires: won unless lost.
  bool won_by_timeout() const { return running_ && !lost_; }
  void finish() { running_ = false; }
  const Vote& our_vote() const { return vote_; }
  const std::set<std::string>& pending() const { return pending_; }

 private:
  std::string local_;
  Vote vote_;
  uint64_t next_id_ = 1;
  bool running_ = false;
  bool lost_ = false;
  std::set<std::string> pending_;  // members that have not conceded
};

}  // namespace pacer::crmd
