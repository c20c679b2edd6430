// The failure rules of pm_logconv.conf's attribute_* keys, in location-rule syntax:
//   "not_defined default_ping_set or default_ping_set lt 100"
// Operators lt gt le ge eq ne (lte/gte too), defined / not_defined; "and" binds tighter than
// "or"; comparison is numeric when both sides are digits, else textual.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace pacer::tools {

struct AttributeTerm {
  std::string op;  // lt gt le ge eq ne defined not_defined
  std::string attribute;
  std::string value;
};

struct AttributeRule {
  std::string name;  // the key: attribute_pingd
  std::vector<std::vector<AttributeTerm>> any_of;  // or of ands

  // True when the rule holds for a node with these attributes.
  bool matches(const std::map<std::string, std::string>& attributes) const;
};

Result<AttributeRule> parse_attribute_rule(std::string_view name, std::string_view text);

}  // namespace pacer::tools
