// Building a diff from an edit journal, and applying one transactionally.
#include "cibd/cib_diff.h"

#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cibd/cib_errors.h"

namespace pacer::cib {
namespace {

bool is_version_attribute(std::string_view name) {
  return name == "admin_epoch" || name == "epoch" || name == "num_updates";
}

std::optional<std::string> attr(xmlNodePtr node, std::string_view name) {
  return XmlNode(node).attribute(name);
}

// The chain of elements from just below the root element down to `node`; nullopt when `node` is
// not (or no longer) attached under the document's root.
std::optional<std::vector<xmlNodePtr>> chain_below_root(xmlNodePtr node, xmlNodePtr root) {
  std::vector<xmlNodePtr> chain;
  for (xmlNodePtr n = node; n != root; n = n->parent) {
    if (n == nullptr || n->type != XML_ELEMENT_NODE) return std::nullopt;
    chain.push_back(n);
  }
  return std::vector<xmlNodePtr>(chain.rbegin(), chain.rend());
}

std::optional<XmlNode> matching_child(XmlNode parent, XmlNode like) {
  for (XmlNode child : parent.children(like.name()))
    if (child.attribute("id") == like.attribute("id")) return child;
  return std::nullopt;
}

// The element in the diff tree standing for `chain`, made on the way (name and id only).
XmlNode ensure_path(XmlNode diff_cib, const std::vector<xmlNodePtr>& chain) {
  XmlNode current = diff_cib;
  for (xmlNodePtr element : chain) {
    XmlNode source(element);
    if (auto existing = matching_child(current, source)) {
      current = *existing;
      continue;
    }
    XmlNode made = current.append_child(source.name());
    if (auto id = source.attribute("id")) made.set_attribute("id", *id);
    current = made;
  }
  return current;
}

bool has_inserted_ancestor(xmlNodePtr node, const std::set<xmlNodePtr>& inserted) {
  for (xmlNodePtr n = node->parent; n != nullptr; n = n->parent)
    if (inserted.contains(n)) return true;
  return false;
}

void add_subtree(XmlNode parent, xmlNodePtr subtree, const char* marker) {
  XmlNode copy = parent.append_copy(XmlNode(subtree));
  copy.set_attribute(kDiffMarker, marker);
}

}  // namespace

XmlDocument make_diff(const CibEdit& edit, const CibVersion& before, const CibVersion& after) {
  XmlDocument diff = XmlDocument::with_root("diff");
  diff.root().set_attribute("format", "pacer-1");
  XmlNode removed = diff.root().append_child("diff-removed").append_child("cib");
  XmlNode added = diff.root().append_child("diff-added").append_child("cib");
  write_version(removed, before);
  write_version(added, after);

  xmlNodePtr root = edit.document().root().get();
  std::set<xmlNodePtr> inserted;
  for (const auto& step : edit.steps())
    if (step.kind == CibEdit::StepKind::insert) inserted.insert(step.node);

  for (const auto& step : edit.steps()) {
    switch (step.kind) {
      case CibEdit::StepKind::set_attribute:
      case CibEdit::StepKind::remove_attribute: {
        if (inserted.contains(step.node) || has_inserted_ancestor(step.node, inserted)) break;
        auto chain = chain_below_root(step.node, root);
        if (!chain) break;
        if (chain->empty() && is_version_attribute(step.name)) break;  // carried by <cib> already
        if (step.old_value) ensure_path(removed, *chain).set_attribute(step.name, *step.old_value);
        if (auto now = attr(step.node, step.name)) ensure_path(added, *chain).set_attribute(step.name, *now);
        break;
      }
      case CibEdit::StepKind::insert: {
        if (has_inserted_ancestor(step.node, inserted)) break;
        auto chain = chain_below_root(step.node->parent, root);
        if (!chain) break;
        add_subtree(ensure_path(added, *chain), step.node, "added:top");
        break;
      }
      case CibEdit::StepKind::remove: {
        auto chain = chain_below_root(step.parent, root);
        if (!chain || inserted.contains(step.parent) || has_inserted_ancestor(step.parent, inserted)) break;
        add_subtree(ensure_path(removed, *chain), step.node, "removed:top");
        break;
      }
      case CibEdit::StepKind::replace_root: {
        for (xmlNodePtr c = step.old_root->children; c != nullptr; c = c->next)
          if (c->type == XML_ELEMENT_NODE) add_subtree(removed, c, "removed:top");
        for (xmlAttrPtr a = step.old_root->properties; a != nullptr; a = a->next) {
          std::string name(reinterpret_cast<const char*>(a->name));
          if (!is_version_attribute(name)) removed.set_attribute(name, *attr(step.old_root, name));
        }
        for (xmlNodePtr c = step.node->children; c != nullptr; c = c->next)
          if (c->type == XML_ELEMENT_NODE) add_subtree(added, c, "added:top");
        // All of the new root's attributes, in its order (the version is already the new one).
        xmlFreePropList(added.get()->properties);
        added.get()->properties = nullptr;
        for (xmlAttrPtr a = step.node->properties; a != nullptr; a = a->next) {
          std::string name(reinterpret_cast<const char*>(a->name));
          added.set_attribute(name, *attr(step.node, name));
        }
        // The whole root was replaced: the applier replaces its root too, so that even the order
        // of the root's attributes is the same on every copy.
        added.set_attribute(kDiffMarker, "replaced:top");
        break;
      }
    }
  }
  return diff;
}

Result<CibVersion> diff_version(const XmlDocument& diff, bool after) {
  auto side = diff.root().first_child(after ? "diff-added" : "diff-removed");
  if (diff.root().name() != "diff" || !side || !side->first_child("cib"))
    return cib_error(CibErrorKind::bad_input, "not a CIB diff");
  return read_version(*side->first_child("cib"));
}

namespace {

class DiffApplier {
 public:
  DiffApplier(CibEdit& edit) : edit_(edit) {}

  Status removed_pass(XmlNode diff_node, std::optional<XmlNode> added_node, XmlNode target) {
    for (XmlNode child : diff_node.children()) {
      auto match = matching_child(target, child);
      if (!match) return missing(child);
      std::optional<XmlNode> added_child =
          added_node ? matching_child(*added_node, child) : std::nullopt;
      if (child.attribute(kDiffMarker) == "removed:top") {
        if (added_child && added_child->attribute(kDiffMarker) == "added:top") {
          XmlNode copy = edit_.replace(*match, *added_child);
          xmlUnsetProp(copy.get(), reinterpret_cast<const xmlChar*>(kDiffMarker));
          consumed_.insert(added_child->get());
        } else {
          edit_.remove(*match);
        }
        continue;
      }
      remove_attributes(child, added_child, *match);
      if (Status s = removed_pass(child, added_child, *match); !s) return s;
    }
    return Status::ok();
  }

  void remove_attributes(XmlNode diff_node, std::optional<XmlNode> added_node, XmlNode target) {
    for (xmlAttrPtr a = diff_node.get()->properties; a != nullptr; a = a->next) {
      std::string name(reinterpret_cast<const char*>(a->name));
      if (name == "id" || name == kDiffMarker || is_version_attribute(name)) continue;
      if (added_node && added_node->has_attribute(name)) continue;  // changed, not removed
      edit_.remove_attribute(target, name);
    }
  }

  Status added_pass(XmlNode diff_node, XmlNode target) {
    for (xmlAttrPtr a = diff_node.get()->properties; a != nullptr; a = a->next) {
      std::string name(reinterpret_cast<const char*>(a->name));
      if (name == "id" || name == kDiffMarker) continue;
      edit_.set_attribute(target, name, *diff_node.attribute(name));
    }
    for (XmlNode child : diff_node.children()) {
      if (consumed_.contains(child.get())) continue;
      if (child.attribute(kDiffMarker) == "added:top") {
        XmlNode copy = edit_.append_copy(target, child);
        xmlUnsetProp(copy.get(), reinterpret_cast<const xmlChar*>(kDiffMarker));
        continue;
      }
      auto match = matching_child(target, child);
      if (!match) return missing(child);
      if (Status s = added_pass(child, *match); !s) return s;
    }
    return Status::ok();
  }

 private:
  static Status missing(XmlNode child) {
    return cib_error(CibErrorKind::no_such_object,
                     fmt::format("diff names {} '{}', which this copy does not have", child.name(),
                                 child.attribute("id").value_or("")));
  }

  CibEdit& edit_;
  std::set<xmlNodePtr> consumed_;
};

}  // namespace

Status apply_diff(XmlDocument& doc, const XmlDocument& diff) {
  CibEdit edit(doc);
  if (Status s = apply_diff(edit, diff); !s) return s;
  edit.commit();
  return Status::ok();
}

Status apply_diff(CibEdit& edit, const XmlDocument& diff) {
  XmlDocument& doc = edit.document();
  auto before = diff_version(diff, false);
  if (!before) return before.status();
  auto current = read_version(doc.root());
  if (!current) return current.status();
  if (*before != *current)
    return cib_error(CibErrorKind::invalid_request,
                     fmt::format("diff applies to version {}, this copy is at {}",
                                 before->to_string(), current->to_string()));
  XmlNode removed = *diff.root().first_child("diff-removed")->first_child("cib");
  XmlNode added = *diff.root().first_child("diff-added")->first_child("cib");
  if (added.attribute(kDiffMarker) == "replaced:top") {
    XmlDocument root = XmlDocument::with_root("cib");
    xmlNodePtr copy = xmlDocCopyNode(added.get(), root.get(), 1);
    xmlFreeNode(xmlDocSetRootElement(root.get(), copy));
    xmlUnsetProp(copy, reinterpret_cast<const xmlChar*>(kDiffMarker));
    for (XmlNode child : root.root().children())
      xmlUnsetProp(child.get(), reinterpret_cast<const xmlChar*>(kDiffMarker));
    edit.replace_root(root.root());
    return Status::ok();
  }
  DiffApplier applier(edit);
  if (Status s = applier.removed_pass(removed, added, doc.root()); !s) return s;
  applier.remove_attributes(removed, added, doc.root());
  return applier.added_pass(added, doc.root());
}

}  // namespace pacer::cib
