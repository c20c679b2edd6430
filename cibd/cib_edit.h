// CibEdit: an undo journal over a live CIB document, so that an update can be applied in place
// (no copy of a 30 MB document per status update) and still leave the document byte-for-byte as
// it was when the update is rejected: every change goes through CibEdit, which records how to
// revert it. rollback() (or the destructor, unless commit() was called) undoes the changes in
// reverse order; commit() keeps them and frees what was removed.
//
// The journal also says exactly what changed, which is what the diff (cib_diff.h) is built from.
//
// Ownership: the document must outlive the edit. Not thread-safe.
#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/xml.h"

namespace pacer::cib {

class CibEdit {
 public:
  enum class StepKind { set_attribute, remove_attribute, insert, remove, replace_root };
  struct Step {
    StepKind kind;
    xmlNodePtr node;                       // the element changed, inserted or removed
    std::string name;                      // attribute steps: its name
    std::optional<std::string> old_value;  // attribute steps: the value before (nullopt: unset)
    // remove: the parent it had and its next sibling then (any node type);
    // remove_attribute: `parent` is the attribute before it, `next` the unlinked attribute itself.
    xmlNodePtr parent = nullptr;
    xmlNodePtr next = nullptr;
    xmlNodePtr old_root = nullptr;         // replace_root: the root before
  };

  explicit CibEdit(XmlDocument& doc) : doc_(doc) {}
  ~CibEdit() { rollback(); }
  CibEdit(const CibEdit&) = delete;
  CibEdit& operator=(const CibEdit&) = delete;

  void set_attribute(XmlNode node, std::string_view name, std::string_view value);
  void remove_attribute(XmlNode node, std::string_view name);
  // Appends a deep copy of `source` (from any document) under `parent`; returns the copy.
  XmlNode append_copy(XmlNode parent, XmlNode source);
  // Appends a new empty element named `name` under `parent`.
  XmlNode append_child(XmlNode parent, std::string_view name);
  // Detaches `node` (kept until commit, so rollback can put it back where it was).
  void remove(XmlNode node);
  // Replaces `node` with a deep copy of `source`, in the same position.
  XmlNode replace(XmlNode node, XmlNode source);
  // Makes a deep copy of `new_root` (from any document) the document's root.
  void replace_root(XmlNode new_root);

  bool empty() const { return steps_.empty(); }
  const std::vector<Step>& steps() const { return steps_; }
  XmlDocument& document() { return doc_; }
  const XmlDocument& document() const { return doc_; }

  void commit();
  void rollback();

 private:
  XmlDocument& doc_;
  std::vector<Step> steps_;
};

}  // namespace pacer::cib
