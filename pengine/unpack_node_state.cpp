// Unpacking <node_state>: membership fields decide whether a node is online, offline or unclean
// (must be fenced), and its transient attributes (fail counts, pingd and diskd values) join the
// node's attributes.
#include <charconv>

#include "pengine/nvpairs.h"
#include "pengine/unpack.h"

namespace pacer::pengine {
namespace {

// Membership fields are "true"/"false" in Pacemaker 1.0 and may be timestamps in later versions.
bool member_flag(std::optional<std::string> value) {
  if (!value) return false;
  if (is_true(*value)) return true;
  long long stamp = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), stamp);
  return ec == std::errc() && end == value->data() + value->size() && stamp > 0;
}

void decide_membership(XmlNode state, const ClusterOptions& options, Node& node) {
  bool in_ccm = member_flag(state.attribute("in_ccm"));
  auto crmd = state.attribute("crmd").value_or("offline");
  bool crmd_online = crmd == "online" || member_flag(crmd);
  auto join = state.attribute("join").value_or("down");
  auto expected = state.attribute("expected").value_or("down");
  if (in_ccm && crmd_online && join == "member") {
    node.online = true;
    return;
  }
  // Without fencing nothing can be made safe, so a node that is not fully up counts as down.
  if (!options.stonith_enabled) return;
  if (!in_ccm) {
    if (crmd_online || expected == "member") {
      node.unclean = true;
      node.fence_reason = "peer is no longer part of the cluster";
    }
    return;
  }
  if (!crmd_online) {
    if (expected == "member") {
      node.online = true;  // still in the membership: shown online, but unusable until fenced
      node.unclean = true;
      node.fence_reason = "peer process is no longer available";
    }
    return;
  }
  // In the membership with a controller, but not joined yet: pending, not usable, not unclean.
}

}  // namespace

Status unpack_node_states(XmlNode status, WorkingSet& ws) {
  for (XmlNode state : status.children("node_state")) {
    auto id = state.attribute("id");
    if (!id) return Status::error(describe(state) + ": a node_state needs an id");
    auto index = ws.find_node_by_id(*id);
    if (!index && state.attribute("uname")) index = ws.find_node(*state.attribute("uname"));
    if (!index) continue;  // a node no longer configured: nothing to schedule on it
    Node& node = ws.nodes[*index];
    node.has_state = true;
    decide_membership(state, ws.options, node);
    if (auto transient = state.first_child("transient_attributes")) {
      Attributes attrs;
      Status s = read_nvpair_sets(*transient, "instance_attributes", attrs);
      if (!s) return s;
      for (auto& [k, v] : attrs) node.attributes[k] = v;
      if (auto standby = attrs.find("standby"); standby != attrs.end())
        node.standby = is_true(standby->second);
      // crmd's shutdown request: a time stamp, "0" when withdrawn.
      if (auto shutdown = attrs.find("shutdown"); shutdown != attrs.end())
        node.shutdown = !shutdown->second.empty() && shutdown->second != "0";
    }
  }
  return Status::ok();
}

}  // namespace pacer::pengine
