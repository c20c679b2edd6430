// The undo journal: each change records what reverting it needs; nothing is freed before commit.
#include "cibd/cib_edit.h"


namespace pacer::cib {
namespace {

const xmlChar* to_xml(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

std::optional<std::string> current_value(xmlNodePtr node, const std::string& name) {
  xmlChar* value = xmlGetProp(node, to_xml(name));
  if (value == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

}  // namespace

void CibEdit::set_attribute(XmlNode node, std::string_view name, std::string_view value) {
  std::string key(name);
  auto old = current_value(node.get(), key);
  if (old && *old == value) return;  // no change, nothing to record or report
  steps_.push_back(Step{StepKind::set_attribute, node.get(), key, std::move(old)});
  // xmlSetProp changes an existing attribute in place, so its position (and the bytes around it)
  // is kept; a new one is appended, and removing it on rollback restores the old order.
  xmlSetProp(node.get(), to_xml(key), to_xml(std::string(value)));
}

void CibEdit::remove_attribute(XmlNode node, std::string_view name) {
  std::string key(name);
  xmlAttrPtr attr = xmlHasProp(node.get(), to_xml(key));
  if (attr == nullptr) return;
  // Removing and re-adding would move the attribute to the end, so the attribute node itself is
  // unlinked and kept for rollback.
  auto old = current_value(node.get(), key);
  steps_.push_back(Step{StepKind::remove_attribute, node.get(), key, std::move(old),
                        reinterpret_cast<xmlNodePtr>(attr->prev), reinterpret_cast<xmlNodePtr>(attr)});
  if (attr->prev) attr->prev->next = attr->next; else node.get()->properties = attr->next;
  if (attr->next) attr->next->prev = attr->prev;
  attr->prev = attr->next = nullptr;
}

XmlNode CibEdit::append_copy(XmlNode parent, XmlNode source) {
  xmlNodePtr copy = xmlDocCopyNode(source.get(), doc_.get(), 1);
  xmlAddChild(parent.get(), copy);
  steps_.push_back(Step{StepKind::insert, copy, {}, std::nullopt});
  return XmlNode(copy);
}

XmlNode CibEdit::append_child(XmlNode parent, std::string_view name) {
  xmlNodePtr child = xmlNewDocNode(doc_.get(), nullptr, to_xml(std::string(name)), nullptr);
  xmlAddChild(parent.get(), child);
  steps_.push_back(Step{StepKind::insert, child, {}, std::nullopt});
  return XmlNode(child);
}

void CibEdit::remove(XmlNode node) {
  xmlNodePtr n = node.get();
  steps_.push_back(Step{StepKind::remove, n, {}, std::nullopt, n->parent, n->next});
  xmlUnlinkNode(n);
}

XmlNode CibEdit::replace(XmlNode node, XmlNode source) {
  xmlNodePtr n = node.get();
  xmlNodePtr parent = n->parent;
  xmlNodePtr next = n->next;
  remove(node);
  xmlNodePtr copy = xmlDocCopyNode(source.get(), doc_.get(), 1);
  if (next != nullptr) xmlAddPrevSibling(next, copy); else xmlAddChild(parent, copy);
  steps_.push_back(Step{StepKind::insert, copy, {}, std::nullopt});
  return XmlNode(copy);
}

void CibEdit::replace_root(XmlNode new_root) {
  xmlNodePtr copy = xmlDocCopyNode(new_root.get(), doc_.get(), 1);
  xmlNodePtr old = xmlDocSetRootElement(doc_.get(), copy);
  Step step{StepKind::replace_root, copy, {}, std::nullopt};
  step.old_root = old;
  steps_.push_back(std::move(step));
}

void CibEdit::commit() {
  for (Step& step : steps_) {
    if (step.kind == StepKind::remove) xmlFreeNode(step.node);
    if (step.kind == StepKind::remove_attribute) xmlFreeProp(reinterpret_cast<xmlAttrPtr>(step.next));
    if (step.kind == StepKind::replace_root && step.old_root != nullptr) xmlFreeNode(step.old_root);
  }
  steps_.clear();
}

void CibEdit::rollback() {
  // Reverse iterators rather than std::views::reverse, which clang with libstdc++ 12 rejects.
  for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
    Step& step = *it;
    switch (step.kind) {
      case StepKind::set_attribute:
        if (step.old_value) {
          xmlSetProp(step.node, to_xml(step.name), to_xml(*step.old_value));
        } else if (xmlAttrPtr attr = xmlHasProp(step.node, to_xml(step.name))) {
          xmlRemoveProp(attr);
        }
        break;
      case StepKind::remove_attribute: {
        auto attr = reinterpret_cast<xmlAttrPtr>(step.next);
        auto prev = reinterpret_cast<xmlAttrPtr>(step.parent);
        attr->prev = prev;
        attr->next = prev ? prev->next : step.node->properties;
        if (attr->next) attr->next->prev = attr;
        if (prev) prev->next = attr; else step.node->properties = attr;
        break;
      }
      case StepKind::insert:
        xmlUnlinkNode(step.node);
        xmlFreeNode(step.node);
        break;
      case StepKind::remove:
        if (step.next != nullptr) xmlAddPrevSibling(step.next, step.node);
        else xmlAddChild(step.parent, step.node);
        break;
      case StepKind::replace_root:
        xmlDocSetRootElement(doc_.get(), step.old_root);
        xmlFreeNode(step.node);
        break;
    }
  }
  steps_.clear();
}

}  // namespace pacer::cib
