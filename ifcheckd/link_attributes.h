// LinkAttributes: ifcheckd's picture of the interconnect, as node attributes of the local node.
// One attribute per live peer and interface, named `<peer>-<if>`, valued `up` or `dead` (a dead
// link of a peer that is still alive through another link). This node and `ping` nodes have none;
// a peer that is dead or gone loses all of its attributes, so only online peers appear.
//
// Pure: heartbeatd's node and link events in, the attrd updates that bring attrd in line out.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "attrd/attrd_protocol.h"

namespace pacer::ifcheckd {

class LinkAttributes {
 public:
  explicit LinkAttributes(std::string self) : self_(std::move(self)) {}

  // `status` as heartbeatd reports it: "init", "active", "dead"; `type` "normal" or "ping".
  void node_status(const std::string& node, const std::string& status, const std::string& type);
  // "init", "up", "dead".
  void link_status(const std::string& node, const std::string& interface, const std::string& status);

  // The attributes as they should be now: name -> up/dead.
  std::map<std::string, std::string> desired() const;
  // The updates since the last call: new or changed values, and deletes of attributes no longer
  // wanted. Each carries `dampen`.
  std::vector<attrd::AttributeUpdate> take_changes(Millis dampen);
  // Every wanted value again, for an attrd that may have restarted.
  std::vector<attrd::AttributeUpdate> resend_all(Millis dampen) const;

 private:
  struct NodeInfo {
    std::string status;
    std::string type = "normal";
  };
  std::string self_;
  std::map<std::string, NodeInfo> nodes_;
  std::map<std::pair<std::string, std::string>, std::string> links_;
  std::map<std::string, std::string> sent_;
};

}  // namespace pacer::ifcheckd
