// Liveness: which nodes are alive and which of their links work, from when packets were heard.
//
// Pure bookkeeping over a monotonic time passed in by the caller (tests step it by hand):
//  * a link (node, medium) is up while that medium has carried a fresh packet from the node within
//    `deadtime`, and dead after; each change is an event ("Link pm2:eth1 dead.");
//  * a node is dead when no medium heard it for `deadtime` (`initdead` until we first hear it after
//    our own start), active as soon as any medium hears it;
//  * a heartbeat later than `warntime` after the previous one is reported as late.
// The local node's own links come from our own packets looping back on each medium.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"

namespace pacer::heartbeat {

struct LivenessTiming {
  Millis keepalive{1000};
  Millis deadtime{30000};
  Millis warntime{15000};
  Millis initdead{30000};
};

enum class NodeStatus { init, active, dead };
enum class LinkStatus { init, up, dead };
std::string_view to_string(NodeStatus status);  // "init", "active", "dead"
std::string_view to_string(LinkStatus status);  // "init", "up", "dead"

struct LivenessEvent {
  enum class Kind { link_up, link_dead, node_active, node_dead, late_heartbeat };
  Kind kind;
  std::string node;
  std::string interface;  // link events
  Millis interval{0};     // late_heartbeat: time since the previous heartbeat
  bool operator==(const LivenessEvent&) const = default;
};

class Liveness {
 public:
  // `interfaces`: the medium of each index, by interface name ("eth1").
  Liveness(LivenessTiming timing, std::string local_node, std::vector<std::string> nodes,
           std::vector<std::string> interfaces, MonoTime started);

  // A fresh, authenticated packet from `node` arrived on medium `medium` at `now`. Adds a node not
  // yet known (autojoin).
  std::vector<LivenessEvent> heard(const std::string& node, size_t medium, MonoTime now);
  // `node` came back with a new generation (its heartbeatd restarted, e.g. the node rebooted
  // within deadtime): the incarnation we knew is dead, whatever its packets' timing says, so an
  // active node turns dead here and active again on the next heard().
  std::vector<LivenessEvent> restarted(const std::string& node);
  // Declares what has gone silent. Call at least every keepalive.
  std::vector<LivenessEvent> tick(MonoTime now);

  NodeStatus node_status(const std::string& node) const;
  std::optional<LinkStatus> link_status(const std::string& node, const std::string& interface) const;
  std::vector<std::string> nodes() const;
  const std::vector<std::string>& interfaces() const { return interfaces_; }
  // When tick() next has something to decide.
  MonoTime next_deadline() const;

 private:
  struct Link {
    LinkStatus status = LinkStatus::init;
    std::optional<MonoTime> last_heard;
  };
  struct Node {
    std::string name;
    NodeStatus status = NodeStatus::init;
    std::optional<MonoTime> last_heard;  // any medium
    std::vector<Link> links;             // one per medium
  };
  Node* find(const std::string& name);
  const Node* find(const std::string& name) const;
  Node& add_node(const std::string& name);
  Millis silence_limit(const Node& node) const;

  LivenessTiming timing_;
  std::string local_node_;
  std::vector<std::string> interfaces_;
  std::vector<Node> nodes_;
  MonoTime started_;
};

}  // namespace pacer::heartbeat
