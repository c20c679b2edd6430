// Section table, the empty CIB and id lookups.
#include "cibd/cib_document.h"

#include <libxml/tree.h>

#include <array>
#include <utility>
#include <vector>

namespace pacer::cib {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kSections{{
    {"", "/cib"},
    {"cib", "/cib"},
    {"configuration", "/cib/configuration"},
    {"crm_config", "/cib/configuration/crm_config"},
    {"nodes", "/cib/configuration/nodes"},
    {"resources", "/cib/configuration/resources"},
    {"constraints", "/cib/configuration/constraints"},
    {"rsc_defaults", "/cib/configuration/rsc_defaults"},
    {"op_defaults", "/cib/configuration/op_defaults"},
    {"status", "/cib/status"},
    {"all", "/cib"},
}};

}  // namespace

std::optional<std::string_view> section_path(std::string_view section) {
  for (const auto& [name, path] : kSections)
    if (name == section) return path;
  return std::nullopt;
}

bool is_known_section(std::string_view section) { return section_path(section).has_value(); }

std::optional<XmlNode> find_section(const XmlDocument& doc, std::string_view section) {
  auto path = section_path(section);
  if (!path) return std::nullopt;
  // Walk the fixed path instead of evaluating XPath: sections are looked up on every request.
  XmlNode node = doc.root();
  if (node.name() != "cib") return std::nullopt;
  std::string_view rest = path->substr(4);  // after "/cib"
  while (!rest.empty()) {
    rest.remove_prefix(1);
    auto slash = rest.find('/');
    std::string_view step = rest.substr(0, slash);
    auto child = node.first_child(step);
    if (!child) return std::nullopt;
    node = *child;
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  return node;
}

XmlDocument make_empty_cib() {
  XmlDocument doc = XmlDocument::with_root("cib");
  XmlNode cib = doc.root();
  cib.set_attribute("validate-with", kValidateWith);
  cib.set_attribute("admin_epoch", "0");
  cib.set_attribute("epoch", "0");
  cib.set_attribute("num_updates", "0");
  XmlNode configuration = cib.append_child("configuration");
  for (auto name : {"crm_config", "nodes", "resources", "constraints"})
    configuration.append_child(name);
  cib.append_child("status");
  return doc;
}

namespace {

// Whether `node` carries id="`id`", compared in place (no copy of the value: this runs over every
// element of a large status section).
bool has_id(xmlNodePtr node, const std::string& id) {
  xmlAttrPtr attr = xmlHasProp(node, reinterpret_cast<const xmlChar*>("id"));
  if (attr == nullptr || attr->children == nullptr) return false;
  const xmlChar* value = attr->children->content;
  return attr->children->next == nullptr && value != nullptr &&
         id == reinterpret_cast<const char*>(value);
}

bool name_matches(xmlNodePtr node, std::string_view name) {
  return name.empty() || XmlNode(node).name() == name;
}

}  // namespace

std::optional<XmlNode> find_by_id(XmlNode scope, std::string_view name, std::string_view id) {
  const std::string id_string(id);
  if (name_matches(scope.get(), name) && has_id(scope.get(), id_string)) return scope;
  // Direct children first: the common targets (node_state under status, a resource under
  // resources) are found without walking the subtrees before them.
  for (xmlNodePtr c = scope.get()->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE && name_matches(c, name) && has_id(c, id_string)) return XmlNode(c);
  // Then depth first, in document order.
  std::vector<xmlNodePtr> stack;
  for (xmlNodePtr c = scope.get()->last; c != nullptr; c = c->prev)
    if (c->type == XML_ELEMENT_NODE) stack.push_back(c);
  while (!stack.empty()) {
    xmlNodePtr current = stack.back();
    stack.pop_back();
    if (name_matches(current, name) && has_id(current, id_string)) return XmlNode(current);
    for (xmlNodePtr c = current->last; c != nullptr; c = c->prev)
      if (c->type == XML_ELEMENT_NODE) stack.push_back(c);
  }
  return std::nullopt;
}

bool is_in_status(XmlNode node) {
  for (std::optional<XmlNode> n = node; n; n = n->parent())
    if (n->name() == "status" && n->parent() && n->parent()->name() == "cib") return true;
  return false;
}

std::string xpath_literal(std::string_view value) {
  if (value.find('\'') == std::string_view::npos) return "'" + std::string(value) + "'";
  if (value.find('"') == std::string_view::npos) return "\"" + std::string(value) + "\"";
  // Both quotes: concat('a', "'", 'b').
  std::string out = "concat(";
  std::string_view rest = value;
  bool first = true;
  while (!rest.empty()) {
    auto quote = rest.find('\'');
    if (!first) out += ", ";
    first = false;
    if (quote == 0) {
      out += "\"'\"";
      rest.remove_prefix(1);
    } else {
      out += "'" + std::string(rest.substr(0, quote)) + "'";
      rest = quote == std::string_view::npos ? std::string_view() : rest.substr(quote);
    }
  }
  return out + ")";
}

}  // namespace pacer::cib
