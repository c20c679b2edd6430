// create / modify / replace / delete / erase / bump / upgrade over a CibEdit.
#include "cibd/cib_operations.h"

#include <fmt/format.h>

#include "cibd/cib_document.h"
#include "cibd/cib_errors.h"
#include "cibd/cib_query.h"
#include "cibd/value_expansion.h"

namespace pacer::cib {
namespace {

std::string describe(XmlNode node) {
  auto id = node.attribute("id");
  return id ? fmt::format("{} '{}'", node.name(), *id) : fmt::format("<{}>", node.name());
}

// Where an element of this name lives when a create names no section.
std::string_view default_section_for(std::string_view element) {
  if (element == "primitive" || element == "group" || element == "clone" || element == "master")
    return "resources";
  if (element == "rsc_location" || element == "rsc_colocation" || element == "rsc_order")
    return "constraints";
  if (element == "node") return "nodes";
  if (element == "cluster_property_set") return "crm_config";
  if (element == "node_state") return "status";
  return {};
}

Result<XmlNode> target_section(const XmlDocument& doc, std::string_view section) {
  if (!is_known_section(section))
    return cib_error(CibErrorKind::invalid_request, fmt::format("unknown section '{}'", section));
  auto node = find_section(doc, section);
  if (!node)
    return cib_error(CibErrorKind::no_such_object, fmt::format("the CIB has no '{}' section", section));
  return *node;
}

// Expands value++ / value+=N in an element copied in as new (its "current" values are unset).
void expand_new(XmlNode node) {
  for (xmlAttrPtr a = node.get()->properties; a != nullptr; a = a->next) {
    std::string name(reinterpret_cast<const char*>(a->name));
    std::string value = node.attribute(name).value_or("");
    std::string expanded = expand_value(name, value, std::nullopt);
    if (expanded != value) node.set_attribute(name, expanded);
  }
  for (XmlNode child : node.children()) expand_new(child);
}

std::optional<XmlNode> matching_child(XmlNode parent, XmlNode like) {
  auto id = like.attribute("id");
  for (XmlNode child : parent.children(like.name()))
    if (!id || child.attribute("id") == id) return child;
  return std::nullopt;
}

// Pacemaker's merge: attributes of `update` are set on `target` (with expansion); each child of
// `update` merges into the child with the same name and id, or is added.
void merge(CibEdit& edit, XmlNode target, XmlNode update) {
  for (xmlAttrPtr a = update.get()->properties; a != nullptr; a = a->next) {
    std::string name(reinterpret_cast<const char*>(a->name));
    std::string requested = update.attribute(name).value_or("");
    auto current = target.attribute(name);
    edit.set_attribute(target, name,
                       expand_value(name, requested,
                                    current ? std::optional<std::string_view>(*current) : std::nullopt));
  }
  for (XmlNode child : update.children()) {
    if (auto existing = matching_child(target, child)) {
      merge(edit, *existing, child);
    } else {
      expand_new(edit.append_copy(target, child));
    }
  }
}

Result<Mutation> create(CibEdit& edit, const CibRequest& request, XmlNode data) {
  std::string section = request.section;
  if (section.empty()) section = std::string(default_section_for(data.name()));
  if (section.empty())
    return cib_error(CibErrorKind::invalid_request,
                     fmt::format("no section given for a new {}", describe(data)));
  auto parent = target_section(edit.document(), section);
  if (!parent) return parent.status();
  if (data.name() == parent->name()) {
    // A section element: its children are the new elements.
    for (XmlNode child : data.children()) expand_new(edit.append_copy(*parent, child));
    return Mutation{};
  }
  // Duplicate ids in the configuration are the validator's to report (as a schema violation, the
  // way Pacemaker reports them); the free-form status section needs the check here.
  if (section == "status" && matching_child(*parent, data) && data.has_attribute("id"))
    return cib_error(CibErrorKind::exists, fmt::format("{} exists already", describe(data)));
  expand_new(edit.append_copy(*parent, data));
  return Mutation{};
}

Result<Mutation> modify(CibEdit& edit, const CibRequest& request, XmlNode data) {
  if (!request.xpath.empty()) {
    auto targets = select_targets(edit.document(), request);
    if (!targets) return targets.status();
    std::size_t done = 0;
    for (XmlNode target : *targets) {
      if (target.name() != data.name() ||
          (data.has_attribute("id") && target.attribute("id") != data.attribute("id")))
        continue;
      merge(edit, target, data);
      if (++done == 1 && !request.multiple) break;
    }
    if (done == 0)
      return cib_error(CibErrorKind::no_such_object,
                       fmt::format("no {} matches '{}'", describe(data), request.xpath));
    return Mutation{};
  }
  auto scope = target_section(edit.document(), request.section);
  if (!scope) return scope.status();
  if (data.name() == scope->name()) {
    merge(edit, *scope, data);
    return Mutation{};
  }
  auto id = data.attribute("id");
  std::optional<XmlNode> target;
  if (id) target = find_by_id(*scope, data.name(), *id);
  if (!target) {
    if (!request.can_create)
      return cib_error(CibErrorKind::no_such_object,
                       fmt::format("no {} in {}", describe(data),
                                   request.section.empty() ? "the CIB" : request.section));
    expand_new(edit.append_copy(*scope, data));
    return Mutation{};
  }
  merge(edit, *target, data);
  return Mutation{};
}

Result<Mutation> replace(CibEdit& edit, const CibRequest& request, XmlNode data) {
  XmlDocument& doc = edit.document();
  if (!request.xpath.empty()) {
    auto targets = select_targets(doc, request);
    if (!targets) return targets.status();
    for (XmlNode target : *targets) {
      if (target.get() == doc.root().get())
        return cib_error(CibErrorKind::invalid_request, "replace the whole CIB without --xpath");
      edit.replace(target, data);
      if (!request.multiple) break;
    }
    return Mutation{};
  }
  if (data.name() == "cib") {
    auto current = read_version(doc.root());
    if (!current) return current.status();
    auto offered = read_version(data);
    if (!offered) return offered.status();
    if (*offered < *current && !request.force)
      return cib_error(CibErrorKind::old_data,
                       fmt::format("the replacement's version {} is older than the current {}",
                                   offered->to_string(), current->to_string()));
    edit.replace_root(data);
    if (!edit.document().root().first_child("status"))
      edit.append_child(edit.document().root(), "status");
    Mutation m;
    // A newer copy (a sync from the peer with the higher version) keeps its version as it is.
    if (*offered > *current) m.version = *offered;
    else m.version = next_version(*current, true);
    return m;
  }
  auto scope = target_section(doc, request.section);
  if (!scope) return scope.status();
  if (data.name() == scope->name()) {
    if (scope->get() == doc.root().get())
      return cib_error(CibErrorKind::invalid_request, "a replace of the whole CIB needs a <cib>");
    edit.replace(*scope, data);
    return Mutation{};
  }
  auto id = data.attribute("id");
  std::optional<XmlNode> target;
  if (id) target = find_by_id(*scope, data.name(), *id);
  if (!target)
    return cib_error(CibErrorKind::no_such_object, fmt::format("no {} to replace", describe(data)));
  edit.replace(*target, data);
  return Mutation{};
}

// Whether `node` carries every attribute `like` carries, with the same values.
bool matches_attributes(XmlNode node, XmlNode like) {
  if (node.name() != like.name()) return false;
  for (xmlAttrPtr a = like.get()->properties; a != nullptr; a = a->next) {
    std::string name(reinterpret_cast<const char*>(a->name));
    if (node.attribute(name) != like.attribute(name)) return false;
  }
  return true;
}

Status check_deletable(const XmlDocument& doc, XmlNode node) {
  if (node.get() == doc.root().get() || (node.parent() && node.parent()->get() == doc.root().get()) ||
      (node.parent() && node.parent()->name() == "configuration" &&
       node.parent()->parent() && node.parent()->parent()->get() == doc.root().get() &&
       (node.name() == "crm_config" || node.name() == "nodes" || node.name() == "resources" ||
        node.name() == "constraints")))
    return cib_error(CibErrorKind::invalid_request,
                     fmt::format("the '{}' section cannot be deleted", node.name()));
  return Status::ok();
}

Result<Mutation> remove(CibEdit& edit, const CibRequest& request, const XmlDocument* data) {
  XmlDocument& doc = edit.document();
  if (!request.xpath.empty()) {
    auto targets = select_targets(doc, request);
    // Pacemaker's delete succeeds when there is nothing to delete.
    if (!targets) return cib_error_kind(targets.status()) == CibErrorKind::no_such_object
                             ? Result<Mutation>(Mutation{}) : Result<Mutation>(targets.status());
    for (XmlNode target : *targets) {
      if (Status s = check_deletable(doc, target); !s) return s;
      edit.remove(target);
      if (!request.multiple) break;
    }
    return Mutation{};
  }
  if (data == nullptr)
    return cib_error(CibErrorKind::invalid_request, "delete needs the element to delete (-X or -x)");
  auto scope = target_section(doc, request.section);
  if (!scope) return scope.status();
  XmlNode like = data->root();
  std::optional<XmlNode> target;
  if (auto id = like.attribute("id")) {
    target = find_by_id(*scope, like.name(), *id);
    if (target && !matches_attributes(*target, like)) target.reset();
  } else {
    auto found = doc.select(fmt::format("{}//{}", section_path(request.section).value_or("/cib"),
                                        like.name()));
    if (found)
      for (XmlNode n : *found)
        if (matches_attributes(n, like)) { target = n; break; }
  }
  if (!target) return Mutation{};
  if (Status s = check_deletable(doc, *target); !s) return s;
  edit.remove(*target);
  return Mutation{};
}

}  // namespace

Result<Mutation> mutate(CibEdit& edit, const CibRequest& request, const XmlDocument* data) {
  XmlDocument& doc = edit.document();
  auto needs_data = [&]() -> Status {
    if (data == nullptr)
      return cib_error(CibErrorKind::invalid_request,
                       fmt::format("{} needs XML data (-X or -x)", operation_name(request.operation)));
    return Status::ok();
  };
  switch (request.operation) {
    case CibOperation::query:
      return cib_error(CibErrorKind::invalid_request, "a query changes nothing");
    case CibOperation::create:
      if (Status s = needs_data(); !s) return s;
      return create(edit, request, data->root());
    case CibOperation::modify:
      if (Status s = needs_data(); !s) return s;
      return modify(edit, request, data->root());
    case CibOperation::replace:
      if (Status s = needs_data(); !s) return s;
      return replace(edit, request, data->root());
    case CibOperation::remove:
      return remove(edit, request, data);
    case CibOperation::erase: {
      if (!request.force)
        return cib_error(CibErrorKind::unsafe, "erasing the CIB needs --force");
      auto current = read_version(doc.root());
      if (!current) return current.status();
      XmlDocument empty = make_empty_cib();
      edit.replace_root(empty.root());
      Mutation m;
      m.version = CibVersion{current->admin_epoch + 1, current->epoch + 1, 0};
      return m;
    }
    case CibOperation::bump: {
      Mutation m;
      m.force_configuration_change = true;
      return m;
    }
    case CibOperation::upgrade: {
      // pacer speaks pacemaker-1.0 only: a CIB without validate-with is declared 1.0, one that
      // already is needs nothing.
      auto schema = doc.root().attribute("validate-with");
      if (!schema) edit.set_attribute(doc.root(), "validate-with", "pacemaker-1.0");
      else if (*schema != "pacemaker-1.0")
        return cib_error(CibErrorKind::invalid_config,
                         fmt::format("cannot upgrade from validate-with=\"{}\"", *schema));
      return Mutation{};
    }
    case CibOperation::set_master:
    case CibOperation::set_slave:
      // Without replication (one node, CIB_file) this copy is the only one: nothing to change.
      return Mutation{};
  }
  return cib_error(CibErrorKind::invalid_request, "unknown operation");
}

}  // namespace pacer::cib
