// ifcheckd's link-to-attribute rules; see link_attributes.h.
#include "ifcheckd/link_attributes.h"

namespace pacer::ifcheckd {
namespace {

attrd::AttributeUpdate set(const std::string& name, const std::string& value, Millis dampen) {
  attrd::AttributeUpdate u;
  u.name = name;
  u.value = value;
  u.dampen = dampen;
  return u;
}

}  // namespace

void LinkAttributes::node_status(const std::string& node, const std::string& status,
                                 const std::string& type) {
  NodeInfo& info = nodes_[node];
  info.status = status;
  if (!type.empty()) info.type = type;
}

void LinkAttributes::link_status(const std::string& node, const std::string& interface,
                                 const std::string& status) {
  links_[{node, interface}] = status;
}

std::map<std::string, std::string> LinkAttributes::desired() const {
  std::map<std::string, std::string> out;
  for (const auto& [key, status] : links_) {
    const auto& [node, interface] = key;
    if (node == self_) continue;
    auto it = nodes_.find(node);
    // Only peers heartbeat calls alive; a link it has not judged yet ("init") is left out until it
    // has.
    if (it == nodes_.end() || it->second.status != "active" || it->second.type == "ping") continue;
    if (status != "up" && status != "dead") continue;
    std::string name = node + "-" + interface;
    if (!attrd::validate_name(name)) continue;
    out.emplace(std::move(name), status);
  }
  return out;
}

std::vector<attrd::AttributeUpdate> LinkAttributes::take_changes(Millis dampen) {
  std::vector<attrd::AttributeUpdate> out;
  auto want = desired();
  for (const auto& [name, value] : want) {
    auto it = sent_.find(name);
    if (it == sent_.end() || it->second != value) out.push_back(set(name, value, dampen));
  }
  for (const auto& [name, value] : sent_) {
    if (want.contains(name)) continue;
    attrd::AttributeUpdate del;
    del.name = name;
    del.remove = true;
    del.dampen = dampen;
    out.push_back(del);
  }
  sent_ = std::move(want);
  return out;
}

std::vector<attrd::AttributeUpdate> LinkAttributes::resend_all(Millis dampen) const {
  std::vector<attrd::AttributeUpdate> out;
  for (const auto& [name, value] : sent_) out.push_back(set(name, value, dampen));
  return out;
}

}  // namespace pacer::ifcheckd
