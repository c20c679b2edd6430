// Attribute locations and requests; see attribute_location.h.
#include "crmd/tools/attribute_location.h"

#include <fmt/format.h>

namespace pacer::crmd::tools {
namespace {

std::string default_set_id(const AttributeTarget& t) {
  if (!t.set_id.empty()) return t.set_id;
  switch (t.section) {
    case AttributeSection::crm_config: return "cib-bootstrap-options";
    case AttributeSection::nodes: return "nodes-" + t.node_uuid;
    case AttributeSection::status: return "status-" + t.node_uuid;
  }
  return {};
}

std::string scope_xpath(const AttributeTarget& t) {
  std::string set = t.set_id.empty() ? "" : fmt::format("[@id='{}']", t.set_id);
  switch (t.section) {
    case AttributeSection::crm_config:
      return fmt::format("/cib/configuration/crm_config/cluster_property_set{}", set);
    case AttributeSection::nodes:
      return fmt::format("/cib/configuration/nodes/node[@id='{}']/instance_attributes{}", t.node_uuid, set);
    case AttributeSection::status:
      return fmt::format("/cib/status/node_state[@id='{}']/transient_attributes/instance_attributes{}",
                         t.node_uuid, set);
  }
  return {};
}

}  // namespace

std::optional<AttributeSection> parse_section(std::string_view type) {
  if (type == "crm_config") return AttributeSection::crm_config;
  if (type == "nodes") return AttributeSection::nodes;
  if (type == "status") return AttributeSection::status;
  return std::nullopt;
}

Result<std::string> find_node_uuid(const XmlDocument& cib, const std::string& uname) {
  for (const char* path : {"/cib/configuration/nodes/node", "/cib/status/node_state"}) {
    auto found = cib.select(fmt::format("{}[@uname='{}']", path, uname));
    if (found && !found->empty())
      if (auto id = found->front().attribute("id")) return *id;
  }
  return Status::error(fmt::format("Could not map uname={} to a UUID", uname));
}

std::optional<XmlNode> find_attribute(const XmlDocument& cib, const AttributeTarget& target) {
  std::string xpath = scope_xpath(target) + (target.id.empty() ? fmt::format("/nvpair[@name='{}']", target.name)
                                                                : fmt::format("/nvpair[@id='{}']", target.id));
  auto found = cib.select(xpath);
  if (!found || found->empty()) return std::nullopt;
  return found->front();
}

cib::CibRequest set_attribute_request(const XmlDocument& cib, const AttributeTarget& target,
                                      const std::string& value) {
  std::string set_id = default_set_id(target);
  std::string id = target.id;
  if (auto existing = find_attribute(cib, target)) {
    id = existing->attribute("id").value_or(id);
    if (auto parent = existing->parent()) set_id = parent->attribute("id").value_or(set_id);
  }
  if (id.empty()) id = set_id + "-" + target.name;
  cib::CibRequest request;
  request.operation = cib::CibOperation::modify;
  request.can_create = true;
  XmlDocument doc = XmlDocument::with_root(target.section == AttributeSection::crm_config ? "crm_config"
                                           : target.section == AttributeSection::nodes   ? "nodes"
                                                                                         : "status");
  XmlNode parent = doc.root();
  if (target.section == AttributeSection::nodes) {
    parent = parent.append_child("node");
    parent.set_attribute("id", target.node_uuid);
  } else if (target.section == AttributeSection::status) {
    parent = parent.append_child("node_state");
    parent.set_attribute("id", target.node_uuid);
    parent = parent.append_child("transient_attributes");
    parent.set_attribute("id", target.node_uuid);
  }
  XmlNode set = parent.append_child(target.section == AttributeSection::crm_config ? "cluster_property_set"
                                                                                    : "instance_attributes");
  set.set_attribute("id", set_id);
  XmlNode nvpair = set.append_child("nvpair");
  nvpair.set_attribute("id", id);
  nvpair.set_attribute("name", target.name);
  nvpair.set_attribute("value", value);
  request.section = std::string(doc.root().name());
  request.data = doc.serialize();
  return request;
}

cib::CibRequest delete_attribute_request(const AttributeTarget& target) {
  cib::CibRequest request;
  request.operation = cib::CibOperation::remove;
  request.xpath = scope_xpath(target) + (target.id.empty() ? fmt::format("/nvpair[@name='{}']", target.name)
                                                            : fmt::format("/nvpair[@id='{}']", target.id));
  request.multiple = true;
  return request;
}

}  // namespace pacer::crmd::tools
