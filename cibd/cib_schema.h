// pacer's own schema for the Pacemaker 1.0 CIB element set, as data: for each element the
// attributes it may carry (with their types) and the children it may hold. The validator
// (cib_validator.h) walks a document against this table; the rules that a table cannot say
// (either-or attributes, cardinalities, references) are checks of their own there.
//
// Version of this schema: kCibSchemaVersion. The status section is free-form, as in Pacemaker 1.0.
#pragma once

#include <string_view>
#include <vector>

namespace pacer::cib {

inline constexpr std::string_view kCibSchemaVersion = "pacer-cib-schema-1 (pacemaker-1.0 element set)";

enum class AttrType {
  text,
  id,           // unique across the configuration
  idref,        // names another element's id
  resource_ref, // names a resource (primitive, group, clone, master)
  score,        // integer, INFINITY, +INFINITY or -INFINITY
  boolean,
  non_negative,
  enumeration,  // one of AttrRule::values ("a|b|c")
};

struct AttrRule {
  std::string_view name;
  AttrType type = AttrType::text;
  bool required = false;
  std::string_view values = {};  // for enumeration: "a|b|c"
};

struct ElementRule {
  std::string_view name;
  std::vector<AttrRule> attributes;
  std::vector<std::string_view> children;  // element names allowed as children
  bool free_form = false;                  // anything below is accepted (status)
};

// The rule for `name`, or nullptr when the element is not part of the schema.
const ElementRule* find_element_rule(std::string_view name);
const AttrRule* find_attr_rule(const ElementRule& rule, std::string_view attribute);
bool allows_child(const ElementRule& rule, std::string_view child);
// Whether `value` is one of the "|"-separated `values`.
bool enumeration_contains(std::string_view values, std::string_view value);
bool is_valid_score(std::string_view value);
bool is_valid_boolean(std::string_view value);

}  // namespace pacer::cib
