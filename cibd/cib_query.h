// Read-only access: the whole CIB, a section, or what an XPath selects, as text. Several XPath
// matches come back wrapped in <xpath-query>, as Pacemaker's cibadmin prints them.
#pragma once

#include <string>
#include <vector>

#include "cibd/cib_request.h"
#include "common/result.h"
#include "common/xml.h"

namespace pacer::cib {

// The elements `request` targets (section element, or XPath matches); no_such_object when none.
// An invalid XPath also gives no_such_object, as it does with Pacemaker's tools.
Result<std::vector<XmlNode>> select_targets(const XmlDocument& doc, const CibRequest& request);

// The query's answer, pretty-printed.
Result<std::string> run_query(const XmlDocument& doc, const CibRequest& request);

}  // namespace pacer::cib
