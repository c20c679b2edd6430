// RAII wrappers over libxml2: an owning XmlDocument, non-owning XmlNode views into it, and XPath.
//
// Parse errors name the document and the line ("cib.xml:12: Opening and ending tag mismatch").
// libxml2 is told never to print to stderr and never to touch the network.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace pacer {

// A view of an element owned by an XmlDocument; valid while the document and the node live.
class XmlNode {
 public:
  explicit XmlNode(xmlNodePtr node) : node_(node) {}

  xmlNodePtr get() const { return node_; }
  std::string_view name() const;
  int line() const;
  std::optional<std::string> attribute(std::string_view name) const;
  bool has_attribute(std::string_view name) const { return attribute(name).has_value(); }
  void set_attribute(std::string_view name, std::string_view value);
  void remove_attribute(std::string_view name);
  // Element children only, in document order; `name` filters when non-empty.
  std::vector<XmlNode> children(std::string_view name = {}) const;
  std::optional<XmlNode> first_child(std::string_view name) const;
  std::optional<XmlNode> parent() const;
  XmlNode append_child(std::string_view name);
  // A deep copy of `other` (from any document) appended as the last child.
  XmlNode append_copy(XmlNode other);
  // Unlinks and frees this element and its subtree; the view is invalid afterwards.
  void remove();
  std::string text() const;

 private:
  xmlNodePtr node_;
};

class XmlDocument {
 public:
  // `name` is used in error messages only.
  static Result<XmlDocument> parse(std::string_view text, std::string_view name);
  static XmlDocument with_root(std::string_view root_name);

  XmlNode root() const { return XmlNode(xmlDocGetRootElement(doc_.get())); }
  xmlDocPtr get() const { return doc_.get(); }
  std::string serialize(bool pretty = false) const;
  XmlDocument copy() const;

  // Elements matching an XPath 1.0 expression; an invalid expression is an error.
  Result<std::vector<XmlNode>> select(std::string_view xpath) const;

 private:
  struct Free {
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
  };
  explicit XmlDocument(xmlDocPtr doc) : doc_(doc) {}
  std::unique_ptr<xmlDoc, Free> doc_;
};

}  // namespace pacer
