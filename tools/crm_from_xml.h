// From CIB XML back to crm statements, as `crm configure show` prints them: one statement per
// object (node, primitive, group, clone, ms, location, colocation, order, property, rsc_defaults,
// op_defaults, in that order), continuation lines indented by a tab, the comments kept in the CIB
// printed before their statement, generated ids left out so the text reads as it was typed.
#pragma once

#include <string>

#include "common/result.h"
#include "common/xml.h"

namespace pacer::tools {

// `configuration` is a <configuration> element (or a whole <cib>: its configuration is used).
Result<std::string> configuration_to_crm(XmlNode configuration);

// The statement of one object (primitive, group, rsc_location...); empty if it has none.
std::string element_to_crm(XmlNode element);

}  // namespace pacer::tools
