// Where a node attribute lives in the CIB and the requests that write, delete and read it, in
// Pacemaker 1.0's layout:
//   reboot:  status/node_state[@id=UUID]/transient_attributes[@id=UUID]/
//            instance_attributes[@id=status-UUID]/nvpair[@id=status-UUID-NAME]
//   forever: configuration/nodes/node[@id=UUID]/instance_attributes[@id=nodes-UUID]/
//            nvpair[@id=nodes-UUID-NAME]
// Pure: text in, requests out.
#pragma once

#include <map>
#include <string>

#include "attrd/attrd_protocol.h"
#include "cibd/cib_request.h"
#include "common/result.h"

namespace pacer::attrd {

struct NodeIdentity {
  std::string name;  // uname
  std::string uuid;
};

// A modify that creates what is missing on the way down (node_state, set, nvpair) and sets value.
cib::CibRequest write_request(const NodeIdentity& node, const std::string& name,
                              const std::string& value, Lifetime lifetime);
// A delete of the nvpair; deleting what is not there succeeds.
cib::CibRequest delete_request(const NodeIdentity& node, const std::string& name, Lifetime lifetime);
// A query of the node's transient attributes.
cib::CibRequest transient_query(const NodeIdentity& node);
// The name -> value pairs of a transient_query answer (an empty answer: none).
Result<std::map<std::string, std::string>> parse_transient_attributes(const std::string& xml);
// The nvpair's id, as Pacemaker 1.0's attrd named it.
std::string nvpair_id(const NodeIdentity& node, const std::string& name, Lifetime lifetime);

}  // namespace pacer::attrd
