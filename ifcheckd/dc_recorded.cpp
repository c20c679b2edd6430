// The DC check on the <cib> element.
#include "ifcheckd/dc_recorded.h"

#include "common/xml.h"

namespace pacer::ifcheckd {

cib::CibRequest cib_root_query() {
  cib::CibRequest r;
  r.operation = cib::CibOperation::query;
  r.xpath = "/cib";
  r.no_children = true;
  return r;
}

bool dc_recorded(const std::string& cib_root_xml) {
  auto doc = XmlDocument::parse(cib_root_xml, "cib");
  if (!doc) return false;
  auto dc = doc->root().attribute("dc-uuid");
  return dc && !dc->empty();
}

}  // namespace pacer::ifcheckd
