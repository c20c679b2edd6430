// In-memory edits the crm commands make on a copy of the CIB before writing a section back
// through the CIB client: nvpairs in attribute sets, objects by id, `load update` merging.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/xml.h"

namespace pacer::tools {

// Sets name=value in the `set_element` (instance_attributes, meta_attributes...) child of
// `parent` with id `set_id`, creating the set and the nvpair (id "<set_id>-<name>") as needed.
void set_nvpair(XmlNode parent, const std::string& set_element, const std::string& set_id,
                const std::string& name, const std::string& value);
// Removes every nvpair called `name` in `set_element` sets of `parent`; whether one was found.
bool remove_nvpair(XmlNode parent, const std::string& set_element, const std::string& name);
// The nvpairs called `name` in `set_element` sets of `parent`.
std::vector<XmlNode> find_nvpairs(XmlNode parent, const std::string& set_element, const std::string& name);
std::optional<std::string> get_nvpair(XmlNode parent, const std::string& set_element,
                                      const std::string& name);

// The element with this id anywhere under `root`.
std::optional<XmlNode> find_id(XmlNode root, const std::string& id);

// `crm configure load update`: objects of `update` replace those with the same id in `current`
// (in place) or are appended; option sets are merged nvpair by nvpair.
void merge_configuration(XmlNode current, XmlNode update);
// `load replace`: everything is replaced, except that nodes are kept when `replacement` names
// none (a pm_crmgen file never does: nodes come from the membership).
void replace_configuration(XmlNode current, XmlNode replacement);

// The element serialised on its own.
std::string element_xml(XmlNode element);

}  // namespace pacer::tools
