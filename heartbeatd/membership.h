// The consensus membership (ccm) of one node, as a pure state machine.
//
// Heartbeat's liveness says which nodes this node hears; membership is what every node of a
// partition agrees on. Each ccm announces what it hears (a View); the partition's leader — the
// lowest-named node among those this node hears — takes as members itself and every node that it
// hears and that hears it, and announces that list under a new, larger instance number. The others
// adopt an announcement from the node they also regard as leader. Two partitions after a split
// brain each form their own membership (both keep quorum in a two-node cluster: fencing settles
// it); when they hear each other again the lowest-named node's partition leads the merge.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pacer::heartbeat {

struct CcmView {
  std::set<std::string> hears;   // nodes the sender's heartbeat reports alive (itself included)
  uint64_t highest_instance = 0; // the largest instance the sender has seen
};

struct CcmMembership {
  uint64_t instance = 0;
  std::string leader;
  std::set<std::string> members;
  bool operator==(const CcmMembership&) const = default;
};

// What the ccm should broadcast after an input (to every node), and whether its own membership
// changed.
struct CcmOutput {
  std::optional<CcmView> view;
  std::optional<CcmMembership> announce;
  std::optional<CcmMembership> changed;  // the new membership this node now has
};

// Majority of the configured nodes; in a two-node cluster a lone node keeps quorum.
bool has_quorum(size_t members, size_t configured_nodes);

class Membership {
 public:
  Membership(std::string local_node, size_t configured_nodes);

  // Heartbeat's view changed: the nodes heard alive now (the local node is added).
  CcmOutput set_heard(std::set<std::string> alive);
  CcmOutput on_view(const std::string& from, const CcmView& view);
  CcmOutput on_membership(const std::string& from, const CcmMembership& membership);

  const std::optional<CcmMembership>& current() const { return current_; }
  bool quorate() const;
  std::string leader() const;  // the lowest-named node this node hears

 private:
  CcmView own_view() const;
  CcmOutput decide();

  std::string local_node_;
  size_t configured_nodes_;
  std::set<std::string> heard_;
  std::map<std::string, CcmView> views_;  // latest view from each node heard alive
  uint64_t highest_instance_ = 0;
  std::optional<CcmMembership> current_;
};

}  // namespace pacer::heartbeat
