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

std::optional<XmlNode> find_by_id(XmlNode scope, std::string_view name, std::string_view id) {
  std::vector<xmlNodePtr> stack{scope.get()};
  const std::string id_string(id);
  while (!stack.empty()) {
    xmlNodePtr current = stack.back();
    stack.pop_back();
    if (name.empty() || XmlNode(current).name() == name) {
      xmlChar* value = xmlGetProp(current, reinterpret_cast<const xmlChar*>("id"));
      bool match = value != nullptr && id_string == reinterpret_cast<const char*>(value);
      xmlFree(value);
      if (match) return XmlNode(current);
    }
    // Children pushed in reverse so that the first match in document order is found first.
    std::vector<xmlNodePtr> children;
    for (xmlNodePtr c = current->children; c != nullptr; c = c->next)
      if (c->type == XML_ELEMENT_NODE) children.push_back(c);
    stack.insert(stack.end(), children.rbegin(), children.rend());
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
