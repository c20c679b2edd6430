// The shape of a Pacemaker 1.0 CIB: its sections, where each lives, the empty document, and
// lookups by id. Pure functions over XmlDocument; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/xml.h"

namespace pacer::cib {

inline constexpr std::string_view kValidateWith = "pacemaker-1.0";

// The element a section name denotes ("resources" -> /cib/configuration/resources). "" and "cib"
// denote the root. nullopt for a name that is not a section.
std::optional<std::string_view> section_path(std::string_view section);
bool is_known_section(std::string_view section);

// The section's element in `doc`, if present.
std::optional<XmlNode> find_section(const XmlDocument& doc, std::string_view section);

// <cib validate-with="pacemaker-1.0" admin_epoch="0" epoch="0" num_updates="0"> with an empty
// configuration (crm_config, nodes, resources, constraints) and status.
XmlDocument make_empty_cib();

// An element below `scope` (inclusive) named `name` (any name when empty) whose id is `id`: scope
// itself, else a direct child, else the first in document order.
std::optional<XmlNode> find_by_id(XmlNode scope, std::string_view name, std::string_view id);

// Whether `node` lies inside the status section.
bool is_in_status(XmlNode node);

// An XPath string literal for `value` (which may hold either kind of quote).
std::string xpath_literal(std::string_view value);

}  // namespace pacer::cib
