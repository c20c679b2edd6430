// The one way cibd and its tools turn untrusted text into XML, and elements back into text.
//
// Every CIB update comes from a client, so parsing is bounded before libxml2 sees the text: a size
// limit, no DOCTYPE at all (a CIB never has one, and refusing it removes entity expansion — the
// billion-laughs attack — and external entities), and a nesting-depth limit checked on the tree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/xml.h"

namespace pacer::cib {

struct XmlLimits {
  std::size_t max_bytes = 256u << 20;  // a 16-node x 1,000-resource CIB with status is ~30 MB
  int max_depth = 64;                  // a CIB is about 10 levels deep
};

// Parses `text` within `limits`; errors carry the bad_input kind and name `name` and the line.
Result<XmlDocument> parse_cib_xml(std::string_view text, std::string_view name,
                                  const XmlLimits& limits = {});

// The element and its subtree as text, without an XML declaration, as Pacemaker writes a CIB:
// indented by two spaces when `pretty`, ending in a newline.
std::string serialize_element(XmlNode node, bool pretty = true);

// Depth of the deepest element below (and including) `node`.
int element_depth(XmlNode node);

}  // namespace pacer::cib
