// Requests for node attributes in the CIB; see attribute_cib_requests.h.
#include "attrd/attribute_cib_requests.h"

#include <fmt/format.h>

#include "common/xml.h"

namespace pacer::attrd {
namespace {

std::string set_id(const NodeIdentity& node, Lifetime lifetime) {
  return fmt::format("{}-{}", lifetime == Lifetime::reboot ? "status" : "nodes", node.uuid);
}

// Ids are XML attributes, so the serializer escapes them; names and uuids were validated to hold no
// quote, which keeps the XPath literals below safe too.
XmlNode append_nvpair(XmlNode set, const std::string& id, const std::string& name,
                      const std::string& value) {
  XmlNode nv = set.append_child("nvpair");
  nv.set_attribute("id", id);
  nv.set_attribute("name", name);
  nv.set_attribute("value", value);
  return nv;
}

}  // namespace

std::string nvpair_id(const NodeIdentity& node, const std::string& name, Lifetime lifetime) {
  return fmt::format("{}-{}", set_id(node, lifetime), name);
}

cib::CibRequest write_request(const NodeIdentity& node, const std::string& name,
                              const std::string& value, Lifetime lifetime) {
  cib::CibRequest r;
  r.operation = cib::CibOperation::modify;
  r.can_create = true;
  if (lifetime == Lifetime::reboot) {
    auto doc = XmlDocument::with_root("status");
    XmlNode state = doc.root().append_child("node_state");
    state.set_attribute("id", node.uuid);
    state.set_attribute("uname", node.name);
    XmlNode transient = state.append_child("transient_attributes");
    transient.set_attribute("id", node.uuid);
    XmlNode set = transient.append_child("instance_attributes");
    set.set_attribute("id", set_id(node, lifetime));
    append_nvpair(set, nvpair_id(node, name, lifetime), name, value);
    r.section = "status";
    r.data = doc.serialize();
  } else {
    auto doc = XmlDocument::with_root("nodes");
    XmlNode n = doc.root().append_child("node");
    n.set_attribute("id", node.uuid);
    n.set_attribute("uname", node.name);
    n.set_attribute("type", "normal");
    XmlNode set = n.append_child("instance_attributes");
    set.set_attribute("id", set_id(node, lifetime));
    append_nvpair(set, nvpair_id(node, name, lifetime), name, value);
    r.section = "nodes";
    r.data = doc.serialize();
  }
  return r;
}

cib::CibRequest delete_request(const NodeIdentity& node, const std::string& name, Lifetime lifetime) {
  cib::CibRequest r;
  r.operation = cib::CibOperation::remove;
  if (lifetime == Lifetime::reboot)
    r.xpath = fmt::format(
        "/cib/status/node_state[@id='{}']/transient_attributes/instance_attributes/nvpair[@name='{}']",
        node.uuid, name);
  else
    r.xpath = fmt::format("/cib/configuration/nodes/node[@id='{}']/instance_attributes/nvpair[@name='{}']",
                          node.uuid, name);
  r.multiple = true;
  return r;
}

cib::CibRequest transient_query(const NodeIdentity& node) {
  cib::CibRequest r;
  r.operation = cib::CibOperation::query;
  r.xpath = fmt::format("/cib/status/node_state[@id='{}']/transient_attributes", node.uuid);
  return r;
}

Result<std::map<std::string, std::string>> parse_transient_attributes(const std::string& xml) {
  std::map<std::string, std::string> out;
  if (xml.find('<') == std::string::npos) return out;
  auto doc = XmlDocument::parse(xml, "transient_attributes");
  if (!doc) return doc.status();
  auto pairs = doc->select("//instance_attributes/nvpair");
  if (!pairs) return pairs.status();
  for (XmlNode nv : *pairs) {
    auto name = nv.attribute("name");
    auto value = nv.attribute("value");
    if (name && value && validate_name(*name) && validate_value(*value)) out.emplace(*name, *value);
  }
  return out;
}

}  // namespace pacer::attrd
