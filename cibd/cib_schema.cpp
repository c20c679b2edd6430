// The table of Pacemaker 1.0 CIB elements (written from Pacemaker Explained 1.0 and checked against
// the reference's behaviour), and the value checks for typed attributes.
#include "cibd/cib_schema.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace pacer::cib {
namespace {

using T = AttrType;

constexpr std::string_view kRoles = "Stopped|Started|Slave|Master";
constexpr std::string_view kActions = "start|promote|demote|stop";
constexpr std::string_view kDateFields[] = {"hours", "monthdays", "weekdays", "yearsdays", "months",
                                            "weeks", "years", "weekyears", "moon"};

std::vector<AttrRule> nvset_attributes() {
  return {{"id", T::id}, {"id-ref", T::idref}, {"score", T::score}};
}

std::vector<AttrRule> date_attributes() {
  std::vector<AttrRule> attrs{{"id", T::id, true}};
  for (auto field : kDateFields) attrs.push_back({field});
  return attrs;
}

const std::vector<ElementRule>& rules() {
  // Built once, read-only afterwards.
  static const std::vector<ElementRule> table = [] {
    const std::vector<std::string_view> nvset_children{"nvpair", "rule"};
    const std::vector<std::string_view> extra{"meta_attributes", "instance_attributes"};
    auto with = [](std::vector<std::string_view> base, std::initializer_list<std::string_view> more) {
      base.insert(base.end(), more.begin(), more.end());
      return base;
    };
    return std::vector<ElementRule>{
        {"cib",
         {{"validate-with", T::enumeration, false, "pacemaker-1.0"},
          {"admin_epoch", T::non_negative, true},
          {"epoch", T::non_negative, true},
          {"num_updates", T::non_negative, true},
          {"crm_feature_set"},
          {"remote-tls-port", T::non_negative},
          {"remote-clear-port", T::non_negative},
          {"have-quorum", T::boolean},
          {"dc-uuid"},
          {"cib-last-written"},
          {"no-quorum-panic", T::boolean},
          // Written by Pacemaker 1.0 itself, so a CIB it saved must load.
          {"update-origin"},
          {"update-client"}},
         {"configuration", "status"}},
        {"configuration", {},
         {"crm_config", "rsc_defaults", "op_defaults", "nodes", "resources", "constraints"}},
        {"status", {}, {}, true},
        {"crm_config", {}, {"cluster_property_set"}},
        {"rsc_defaults", {}, {"meta_attributes"}},
        {"op_defaults", {}, {"meta_attributes"}},
        {"cluster_property_set", nvset_attributes(), nvset_children},
        {"meta_attributes", nvset_attributes(), nvset_children},
        {"instance_attributes", nvset_attributes(), nvset_children},
        {"nvpair", {{"id", T::id, true}, {"name", T::text, true}, {"value"}}, {}},
        {"nodes", {}, {"node"}},
        {"node",
         {{"id", T::text, true}, {"uname", T::text, true},
          {"type", T::enumeration, true, "normal|member|ping"}, {"description"}},
         {"instance_attributes"}},
        {"resources", {}, {"primitive", "group", "clone", "master"}},
        {"primitive",
         {{"id", T::id, true}, {"class", T::enumeration, true, "ocf|lsb|heartbeat|stonith|upstart"},
          {"provider"}, {"type", T::text, true}, {"description"}},
         with(extra, {"operations"})},
        {"group", {{"id", T::id, true}, {"description"}}, with(extra, {"primitive"})},
        {"clone", {{"id", T::id, true}, {"description"}}, with(extra, {"primitive", "group"})},
        {"master", {{"id", T::id, true}, {"description"}}, with(extra, {"primitive", "group"})},
        {"operations", {{"id", T::id}, {"id-ref", T::idref}}, {"op"}},
        {"op",
         {{"id", T::id, true}, {"name", T::text, true}, {"interval", T::text, true},
          {"description"}, {"start-delay"}, {"interval-origin"}, {"timeout"},
          {"enabled", T::boolean}, {"record-pending", T::boolean},
          {"role", T::enumeration, false, kRoles},
          {"requires", T::enumeration, false, "nothing|quorum|fencing"},
          {"on-fail", T::enumeration, false, "ignore|block|stop|restart|standby|fence"}},
         extra},
        {"constraints", {}, {"rsc_location", "rsc_colocation", "rsc_order"}},
        {"rsc_location",
         {{"id", T::id, true}, {"rsc", T::resource_ref, true}, {"score", T::score}, {"node"}},
         {"rule", "lifetime"}},
        {"rsc_colocation",
         {{"id", T::id, true}, {"score", T::score}, {"score-attribute"},
          {"score-attribute-mangle"}, {"rsc", T::resource_ref}, {"with-rsc", T::resource_ref},
          {"node-attribute"}, {"rsc-role", T::enumeration, false, kRoles},
          {"with-rsc-role", T::enumeration, false, kRoles}},
         {"lifetime", "resource_set"}},
        {"rsc_order",
         {{"id", T::id, true}, {"symmetrical", T::boolean}, {"score", T::score},
          {"kind", T::enumeration, false, "Optional|Mandatory|Serialize"},
          {"first", T::resource_ref}, {"then", T::resource_ref},
          {"first-action", T::enumeration, false, kActions},
          {"then-action", T::enumeration, false, kActions}},
         {"lifetime", "resource_set"}},
        {"resource_set",
         {{"id", T::id}, {"id-ref", T::idref}, {"sequential", T::boolean},
          {"action", T::enumeration, false, kActions}, {"role", T::enumeration, false, kRoles},
          {"score", T::score}},
         {"resource_ref"}},
        {"resource_ref", {{"id", T::resource_ref, true}}, {}},
        {"lifetime", {}, {"rule"}},
        {"rule",
         {{"id", T::id}, {"id-ref", T::idref}, {"score", T::score}, {"score-attribute"},
          {"boolean-op", T::enumeration, false, "or|and"}, {"role"}},
         {"expression", "date_expression", "rule"}},
        {"expression",
         {{"id", T::id, true}, {"attribute", T::text, true},
          {"operation", T::enumeration, true, "lt|gt|lte|gte|eq|ne|defined|not_defined"},
          {"value"}, {"type", T::enumeration, false, "string|number|version"}},
         {}},
        {"date_expression",
         {{"id", T::id, true}, {"operation", T::enumeration, true, "in_range|gt|lt|date_spec"},
          {"start"}, {"end"}},
         {"duration", "date_spec"}},
        {"duration", date_attributes(), {}},
        {"date_spec", date_attributes(), {}},
    };
  }();
  return table;
}

}  // namespace

const ElementRule* find_element_rule(std::string_view name) {
  for (const auto& rule : rules())
    if (rule.name == name) return &rule;
  return nullptr;
}

const AttrRule* find_attr_rule(const ElementRule& rule, std::string_view attribute) {
  for (const auto& attr : rule.attributes)
    if (attr.name == attribute) return &attr;
  return nullptr;
}

bool allows_child(const ElementRule& rule, std::string_view child) {
  return std::find(rule.children.begin(), rule.children.end(), child) != rule.children.end();
}

bool enumeration_contains(std::string_view values, std::string_view value) {
  while (true) {
    auto bar = values.find('|');
    if (values.substr(0, bar) == value) return true;
    if (bar == std::string_view::npos) return false;
    values.remove_prefix(bar + 1);
  }
}

bool is_valid_score(std::string_view value) {
  if (value == "INFINITY" || value == "+INFINITY" || value == "-INFINITY") return true;
  if (!value.empty() && value.front() == '+') value.remove_prefix(1);
  std::int64_t parsed = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  return !value.empty() && ec == std::errc() && ptr == value.data() + value.size();
}

bool is_valid_boolean(std::string_view value) {
  // XML Schema's boolean, which the 1.0 schema uses.
  return value == "true" || value == "false" || value == "1" || value == "0";
}

}  // namespace pacer::cib
