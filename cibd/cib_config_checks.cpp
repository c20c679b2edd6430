// Cluster option values and the STONITH sanity check, as tables.
#include "cibd/cib_config_checks.h"

#include <array>
#include <string_view>

#include <fmt/format.h>

#include "cibd/cib_schema.h"

namespace pacer::cib {
namespace {

struct OptionRule {
  std::string_view name;
  std::string_view values;  // "a|b|c"; "bool" for a boolean
};

constexpr std::array<OptionRule, 11> kOptions{{
    {"no-quorum-policy", "stop|freeze|ignore|suicide"},
    {"stonith-action", "reboot|poweroff|off"},
    {"stonith-enabled", "bool"},
    {"symmetric-cluster", "bool"},
    {"startup-fencing", "bool"},
    {"stop-orphan-resources", "bool"},
    {"stop-orphan-actions", "bool"},
    {"stop-all-resources", "bool"},
    {"maintenance-mode", "bool"},
    {"is-managed-default", "bool"},
    {"start-failure-is-fatal", "bool"},
}};

constexpr std::array<std::string_view, 3> kDeprecated{
    "default-resource-stickiness", "default-resource-failure-stickiness", "is-managed-default"};

// Pacemaker's spellings of a boolean.
bool is_boolean_word(std::string_view v) {
  for (auto w : {"true", "false", "yes", "no", "on", "off", "y", "n", "1", "0"})
    if (v == w) return true;
  return false;
}

bool is_false_word(std::string_view v) {
  return v == "false" || v == "no" || v == "off" || v == "n" || v == "0";
}

ValidationIssue issue(bool error, XmlNode node, std::string reason) {
  return ValidationIssue{error, std::string(node.name()), node.attribute("id").value_or(""),
                         node.line(), std::move(reason)};
}

}  // namespace

std::vector<ValidationIssue> check_configuration(const XmlDocument& doc) {
  std::vector<ValidationIssue> out;
  bool stonith_enabled = true;  // Pacemaker's default
  auto options = doc.select("/cib/configuration/crm_config/cluster_property_set/nvpair");
  if (options) {
    for (XmlNode nvpair : *options) {
      std::string name = nvpair.attribute("name").value_or("");
      std::string value = nvpair.attribute("value").value_or("");
      for (const auto& rule : kOptions) {
        if (rule.name != name) continue;
        bool ok = rule.values == "bool" ? is_boolean_word(value) : enumeration_contains(rule.values, value);
        if (!ok)
          out.push_back(issue(true, nvpair,
                              fmt::format("Using default value for cluster option '{}' because '{}' is invalid",
                                          name, value)));
        else if (name == "stonith-enabled")
          stonith_enabled = !is_false_word(value);
      }
      for (auto old : kDeprecated)
        if (old == name)
          out.push_back(issue(false, nvpair,
                              fmt::format("cluster option '{}' is deprecated: set it in rsc_defaults", name)));
    }
  }
  auto stonith = doc.select("/cib/configuration/resources//primitive[@class='stonith']");
  if (stonith_enabled && stonith && stonith->empty()) {
    XmlNode resources = doc.select("/cib/configuration/resources").value().front();
    // Pacemaker's three lines, which operators know.
    out.push_back(issue(true, resources, "Resource start-up disabled since no STONITH resources have been defined"));
    out.push_back(issue(true, resources, "Either configure some or disable STONITH with the stonith-enabled option"));
    out.push_back(issue(true, resources, "NOTE: Clusters with shared data need STONITH to ensure data integrity"));
  }
  return out;
}

}  // namespace pacer::cib
