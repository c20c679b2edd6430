// Bounded parsing of client XML and element serialisation without an XML declaration.
#include "cibd/cib_xml_input.h"

#include <libxml/tree.h>

#include <memory>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cibd/cib_errors.h"

namespace pacer::cib {
namespace {

struct BufferFree {
  void operator()(xmlBufferPtr buffer) const { xmlBufferFree(buffer); }
};

}  // namespace

Result<XmlDocument> parse_cib_xml(std::string_view text, std::string_view name,
                                  const XmlLimits& limits) {
  if (text.size() > limits.max_bytes)
    return cib_error(CibErrorKind::bad_input,
                     fmt::format("{}: {} bytes is more than the limit of {}", name, text.size(),
                                 limits.max_bytes));
  // A DOCTYPE is the only way to declare entities; refusing it before parsing means no entity is
  // ever expanded, however the libxml2 at hand is configured.
  if (text.find("<!DOCTYPE") != std::string_view::npos ||
      text.find("<!ENTITY") != std::string_view::npos)
    return cib_error(CibErrorKind::bad_input,
                     fmt::format("{}: a document type declaration is not allowed in a CIB", name));
  auto doc = XmlDocument::parse(text, name);
  if (!doc) return cib_error(CibErrorKind::bad_input, doc.error_message());
  int depth = element_depth(doc->root());
  if (depth > limits.max_depth)
    return cib_error(CibErrorKind::bad_input,
                     fmt::format("{}: elements nested {} deep, more than the limit of {}", name,
                                 depth, limits.max_depth));
  return doc;
}

std::string serialize_element(XmlNode node, bool pretty) {
  std::unique_ptr<xmlBuffer, BufferFree> buffer(xmlBufferCreate());
  xmlNodeDump(buffer.get(), node.get()->doc, node.get(), 0, pretty ? 1 : 0);
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
                  static_cast<std::size_t>(xmlBufferLength(buffer.get())));
  out.push_back('\n');
  return out;
}

int element_depth(XmlNode node) {
  // Iterative, so that a hostile depth cannot overflow the stack before the limit is checked.
  int deepest = 0;
  std::vector<std::pair<xmlNodePtr, int>> stack{{node.get(), 1}};
  while (!stack.empty()) {
    auto [current, depth] = stack.back();
    stack.pop_back();
    if (depth > deepest) deepest = depth;
    for (xmlNodePtr c = current->children; c != nullptr; c = c->next)
      if (c->type == XML_ELEMENT_NODE) stack.emplace_back(c, depth + 1);
  }
  return deepest;
}

}  // namespace pacer::cib
