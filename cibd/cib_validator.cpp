// The walk that checks a CIB against the schema table, and the rules that need more than a table.
#include "cibd/cib_validator.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "cibd/cib_errors.h"
#include "cibd/cib_schema.h"

namespace pacer::cib {
namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxReportedErrors = 5;

bool is_resource(std::string_view name) {
  return name == "primitive" || name == "group" || name == "clone" || name == "master";
}

struct Reference {
  std::string element;
  std::string id;
  int line;
  std::string attribute;
  std::string target;
  bool must_be_resource;   // rsc, with-rsc, first, then, resource_ref
};

class Walker {
 public:
  ValidationReport run(const XmlDocument& doc) {
    XmlNode root = doc.root();
    if (root.name() != "cib") {
      add(root, fmt::format("the root element is '{}', not 'cib'", root.name()));
      return std::move(report_);
    }
    visit(root, nullptr, 1);
    check_references();
    return std::move(report_);
  }

 private:
  void add(XmlNode node, std::string reason, bool error = true) {
    report_.issues.push_back(ValidationIssue{error, std::string(node.name()),
                                             node.attribute("id").value_or(""), node.line(),
                                             std::move(reason)});
  }

  void visit(XmlNode node, const ElementRule* parent_rule, int depth) {
    if (depth > kMaxDepth) {
      add(node, "nested too deep");
      return;
    }
    const ElementRule* rule = find_element_rule(node.name());
    if (rule == nullptr) {
      add(node, fmt::format("unknown element '{}'", node.name()));
      return;
    }
    if (parent_rule != nullptr && !allows_child(*parent_rule, node.name())) {
      add(node, fmt::format("'{}' is not allowed inside '{}'", node.name(), parent_rule->name));
      return;
    }
    check_attributes(node, *rule);
    check_structure(node);
    if (rule->free_form) return;
    for (XmlNode child : node.children()) visit(child, rule, depth + 1);
  }

  void check_attributes(XmlNode node, const ElementRule& rule) {
    for (xmlAttrPtr a = node.get()->properties; a != nullptr; a = a->next) {
      std::string_view name = reinterpret_cast<const char*>(a->name);
      std::string value = node.attribute(name).value_or("");
      const AttrRule* attr = find_attr_rule(rule, name);
      if (attr == nullptr) {
        add(node, fmt::format("unknown attribute '{}'", name));
        continue;
      }
      check_value(node, *attr, value);
    }
    for (const auto& attr : rule.attributes)
      if (attr.required && !node.has_attribute(attr.name))
        add(node, fmt::format("required attribute '{}' is missing", attr.name));
  }

  void check_value(XmlNode node, const AttrRule& attr, const std::string& value) {
    switch (attr.type) {
      case AttrType::text:
        break;
      case AttrType::id:
        if (value.empty()) {
          add(node, "empty id");
        } else if (auto [it, inserted] = ids_.emplace(value, std::string(node.name())); !inserted) {
          add(node, fmt::format("duplicate id '{}' (also used by a '{}')", value, it->second));
        }
        break;
      case AttrType::idref:
      case AttrType::resource_ref:
        references_.push_back(Reference{std::string(node.name()), node.attribute("id").value_or(""),
                                        node.line(), std::string(attr.name), value,
                                        attr.type == AttrType::resource_ref});
        break;
      case AttrType::score:
        if (!is_valid_score(value))
          add(node, fmt::format("{}=\"{}\" is not a valid score (an integer, INFINITY or -INFINITY)",
                                attr.name, value));
        break;
      case AttrType::boolean:
        if (!is_valid_boolean(value))
          add(node, fmt::format("{}=\"{}\" is not a boolean", attr.name, value));
        break;
      case AttrType::non_negative:
        if (value.empty() || !std::all_of(value.begin(), value.end(),
                                          [](char c) { return c >= '0' && c <= '9'; }))
          add(node, fmt::format("{}=\"{}\" is not a non-negative integer", attr.name, value));
        break;
      case AttrType::enumeration:
        if (!enumeration_contains(attr.values, value))
          add(node, fmt::format("{}=\"{}\" is not one of {}", attr.name, value, attr.values));
        break;
    }
  }

  static std::size_t count(XmlNode node, std::initializer_list<std::string_view> names) {
    std::size_t n = 0;
    for (XmlNode child : node.children())
      if (std::find(names.begin(), names.end(), child.name()) != names.end()) ++n;
    return n;
  }

  static std::size_t count_attributes(XmlNode node, std::initializer_list<std::string_view> names) {
    std::size_t n = 0;
    for (auto name : names) n += node.has_attribute(name) ? 1 : 0;
    return n;
  }

  // Either a reference (id-ref, nothing else) or a definition with an id.
  void check_id_or_ref(XmlNode node, bool id_required) {
    bool has_ref = node.has_attribute("id-ref");
    if (has_ref && node.has_attribute("id"))
      add(node, "has both id and id-ref");
    else if (has_ref && (!node.children().empty() || node.get()->properties->next != nullptr))
      add(node, "a reference (id-ref) may carry nothing else");
    else if (!has_ref && id_required && !node.has_attribute("id"))
      add(node, "needs an id or an id-ref");
  }

  void check_structure(XmlNode node) {
    std::string_view name = node.name();
    if (name == "cib") {
      if (count(node, {"configuration"}) != 1) add(node, "needs exactly one 'configuration'");
      if (count(node, {"status"}) > 1) add(node, "has more than one 'status'");
    } else if (name == "configuration") {
      for (auto section : {"crm_config", "nodes", "resources", "constraints"})
        if (count(node, {section}) != 1) add(node, fmt::format("needs exactly one '{}'", section));
      for (auto section : {"rsc_defaults", "op_defaults"})
        if (count(node, {section}) > 1) add(node, fmt::format("has more than one '{}'", section));
    } else if (name == "cluster_property_set" || name == "meta_attributes" ||
               name == "instance_attributes") {
      check_id_or_ref(node, true);
      if (count(node, {"rule"}) > 1) add(node, "has more than one 'rule'");
    } else if (name == "operations") {
      check_id_or_ref(node, false);
    } else if (name == "primitive") {
      bool ocf = node.attribute("class") == "ocf";
      if (ocf && !node.has_attribute("provider"))
        add(node, "class 'ocf' needs a provider");
      else if (!ocf && node.has_attribute("provider"))
        add(node, fmt::format("class '{}' takes no provider", node.attribute("class").value_or("")));
      if (count(node, {"operations"}) > 1) add(node, "has more than one 'operations'");
    } else if (name == "group") {
      if (count(node, {"primitive"}) == 0) add(node, "a group needs at least one primitive");
    } else if (name == "clone" || name == "master") {
      if (count(node, {"primitive", "group"}) != 1)
        add(node, fmt::format("a {} holds exactly one primitive or group", name));
    } else if (name == "op") {
      if (node.has_attribute("start-delay") && node.has_attribute("interval-origin"))
        add(node, "start-delay and interval-origin exclude each other");
    } else if (name == "rsc_location") {
      std::size_t rules = count(node, {"rule"});
      bool simple = node.has_attribute("score") && node.has_attribute("node");
      if (rules == 0 && !simple) add(node, "needs score and node, or at least one rule");
      if (rules > 0 && (node.has_attribute("score") || node.has_attribute("node")))
        add(node, "takes either score and node or rules, not both");
      if (count(node, {"lifetime"}) > 1) add(node, "has more than one 'lifetime'");
    } else if (name == "rsc_colocation" || name == "rsc_order") {
      bool colocation = name == "rsc_colocation";
      if (colocation ? count_attributes(node, {"score", "score-attribute", "score-attribute-mangle"}) > 1
                     : count_attributes(node, {"score", "kind"}) > 1)
        add(node, colocation ? "takes at most one of score, score-attribute, score-attribute-mangle"
                             : "takes score or kind, not both");
      std::size_t sets = count(node, {"resource_set"});
      bool pair = colocation ? node.has_attribute("rsc") && node.has_attribute("with-rsc")
                             : node.has_attribute("first") && node.has_attribute("then");
      bool partial = colocation ? node.has_attribute("rsc") || node.has_attribute("with-rsc")
                                : node.has_attribute("first") || node.has_attribute("then");
      if (sets == 0 && !pair)
        add(node, colocation ? "needs rsc and with-rsc, or resource sets"
                             : "needs first and then, or resource sets");
      if (sets > 0 && partial) add(node, "takes either a pair of resources or resource sets, not both");
      if (count(node, {"lifetime"}) > 1) add(node, "has more than one 'lifetime'");
    } else if (name == "resource_set") {
      check_id_or_ref(node, true);
      if (node.has_attribute("id") && count(node, {"resource_ref"}) == 0)
        add(node, "a resource set needs at least one resource_ref");
    } else if (name == "lifetime") {
      if (count(node, {"rule"}) == 0) add(node, "needs at least one rule");
    } else if (name == "rule") {
      check_id_or_ref(node, true);
      if (node.has_attribute("id")) {
        if (count_attributes(node, {"score", "score-attribute"}) != 1)
          add(node, "needs exactly one of score and score-attribute");
        if (node.children().empty()) add(node, "needs at least one expression");
      }
    } else if (name == "date_expression") {
      auto op = node.attribute("operation").value_or("");
      bool has_duration = count(node, {"duration"}) > 0;
      if (op == "in_range" && !node.has_attribute("end") &&
          !(node.has_attribute("start") && has_duration))
        add(node, "in_range needs an end, or a start and a duration");
      if (op == "gt" && !node.has_attribute("start")) add(node, "gt needs a start");
      if (op == "lt" && !node.has_attribute("end")) add(node, "lt needs an end");
      if (op == "date_spec" && count(node, {"date_spec"}) != 1) add(node, "needs one date_spec");
    }
  }

  void check_references() {
    // After the walk, when every id is known: a reference may point forward in the document.
    for (const auto& ref : references_) {
      auto it = ids_.find(ref.target);
      if (it == ids_.end()) {
        report_.issues.push_back(ValidationIssue{
            true, ref.element, ref.id, ref.line,
            fmt::format("{} '{}' refers to nothing (dangling reference)", ref.attribute, ref.target)});
      } else if (ref.must_be_resource && !is_resource(it->second)) {
        report_.issues.push_back(ValidationIssue{
            true, ref.element, ref.id, ref.line,
            fmt::format("{} '{}' names a '{}', not a resource", ref.attribute, ref.target, it->second)});
      } else if (!ref.must_be_resource && it->second != ref.element) {
        report_.issues.push_back(ValidationIssue{
            true, ref.element, ref.id, ref.line,
            fmt::format("id-ref '{}' names a '{}', not a '{}'", ref.target, it->second, ref.element)});
      }
    }
  }

  ValidationReport report_;
  std::map<std::string, std::string> ids_;  // id -> element name
  std::vector<Reference> references_;
};

}  // namespace

std::string ValidationIssue::to_string() const {
  std::string who = id.empty() ? element : fmt::format("{} '{}'", element, id);
  if (line > 0) return fmt::format("line {}: {}: {}", line, who, reason);
  return fmt::format("{}: {}", who, reason);
}

std::size_t ValidationReport::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(issues.begin(), issues.end(), [](const ValidationIssue& i) { return i.error; }));
}

ValidationReport validate_cib(const XmlDocument& doc) { return Walker().run(doc); }

Status check_cib(const XmlDocument& doc) {
  ValidationReport report = validate_cib(doc);
  if (report.ok()) return Status::ok();
  std::string message;
  std::size_t shown = 0;
  for (const auto& issue : report.issues) {
    if (!issue.error) continue;
    if (shown == kMaxReportedErrors) {
      message += fmt::format("; and {} more", report.error_count() - shown);
      break;
    }
    if (shown++ > 0) message += "; ";
    message += issue.to_string();
  }
  return cib_error(CibErrorKind::invalid_config, message);
}

}  // namespace pacer::cib
