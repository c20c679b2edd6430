// Queries: section lookup, XPath selection, optional child stripping.
#include "cibd/cib_query.h"

#include <fmt/format.h>

#include "cibd/cib_document.h"
#include "cibd/cib_errors.h"
#include "cibd/cib_xml_input.h"

namespace pacer::cib {

Result<std::vector<XmlNode>> select_targets(const XmlDocument& doc, const CibRequest& request) {
  if (!request.xpath.empty()) {
    auto nodes = doc.select(request.xpath);
    if (!nodes) return cib_error(CibErrorKind::no_such_object, nodes.error_message());
    if (nodes->empty())
      return cib_error(CibErrorKind::no_such_object,
                       fmt::format("no element matches '{}'", request.xpath));
    return std::move(*nodes);
  }
  if (!is_known_section(request.section))
    return cib_error(CibErrorKind::invalid_request, fmt::format("unknown section '{}'", request.section));
  auto section = find_section(doc, request.section);
  if (!section)
    return cib_error(CibErrorKind::no_such_object,
                     fmt::format("the CIB has no '{}' section", request.section));
  return std::vector<XmlNode>{*section};
}

Result<std::string> run_query(const XmlDocument& doc, const CibRequest& request) {
  auto targets = select_targets(doc, request);
  if (!targets) return targets.status();
  auto render = [&](XmlNode node) {
    if (!request.no_children) return serialize_element(node);
    // A shallow copy: the element with its attributes and nothing below.
    XmlDocument shallow = XmlDocument::with_root(node.name());
    for (xmlAttrPtr a = node.get()->properties; a != nullptr; a = a->next) {
      std::string name(reinterpret_cast<const char*>(a->name));
      shallow.root().set_attribute(name, node.attribute(name).value_or(""));
    }
    return serialize_element(shallow.root());
  };
  if (targets->size() == 1) return render(targets->front());
  std::string out = "<xpath-query>\n";
  for (XmlNode node : *targets) {
    std::string text = render(node);
    // Indent each line of the match by two spaces inside the wrapper.
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      out += "  " + text.substr(start, end - start + 1);
      start = end + 1;
    }
  }
  return out + "</xpath-query>\n";
}

}  // namespace pacer::cib
