// Where crm_attribute and its wrappers (crm_standby, crm_failcount, crm_master) keep an attribute,
// and the CIB requests that read, set and delete it, as Pacemaker 1.0 laid them out:
//   crm_config  cluster_property_set (cib-bootstrap-options unless -s) / nvpair
//   nodes       node[@id] / instance_attributes[@id=nodes-<uuid>] / nvpair   (lifetime forever)
//   status      node_state[@id] / transient_attributes / instance_attributes[@id=status-<uuid>]
//               / nvpair                                                      (lifetime reboot)
// Pure: works on a CIB document the caller queried.
#pragma once

#include <optional>
#include <string>

#include "cibd/cib_request.h"
#include "common/result.h"
#include "common/xml.h"

namespace pacer::crmd::tools {

enum class AttributeSection { crm_config, nodes, status };

std::optional<AttributeSection> parse_section(std::string_view type);

struct AttributeTarget {
  AttributeSection section = AttributeSection::crm_config;
  std::string node_uuid;  // nodes and status
  std::string set_id;     // empty: the default set
  std::string name;
  std::string id;         // empty: the existing nvpair's, else the default id
};

// uname -> node id from <nodes> (or a node_state); an unknown node is an error naming it.
Result<std::string> find_node_uuid(const XmlDocument& cib, const std::string& uname);

// The nvpair holding the attribute now, if any.
std::optional<XmlNode> find_attribute(const XmlDocument& cib, const AttributeTarget& target);

cib::CibRequest set_attribute_request(const XmlDocument& cib, const AttributeTarget& target,
                                      const std::string& value);
cib::CibRequest delete_attribute_request(const AttributeTarget& target);

}  // namespace pacer::crmd::tools
