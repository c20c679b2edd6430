// From crm statements to CIB XML: the <configuration> section the statements describe, with the
// ids the crm shell generates (prmEx-instance_attributes-device, prmEx-start-0s,
// rsc_location-grpPg-1-rule-0...) and each statement's comment lines kept as XML comments in the
// element it creates, so that `crm configure show` can print them back.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/xml.h"
#include "tools/crm_syntax.h"

namespace pacer::tools {

// A <configuration> document with crm_config, nodes, resources, constraints and, when given,
// rsc_defaults / op_defaults. Errors name the source, the line and the token.
Result<XmlDocument> crm_to_configuration(const std::vector<CrmStatement>& statements,
                                         std::string_view source);

// split_crm + crm_to_configuration.
Result<XmlDocument> parse_crm_configuration(std::string_view text, std::string_view source);

}  // namespace pacer::tools
