// Whether a CIB records a DC: ifcheckd starts its work only then, as pm_extras' ifcheckd did, so
// that its first attributes land in a cluster that has settled who coordinates it.
#pragma once

#include <string>

#include "cibd/cib_request.h"

namespace pacer::ifcheckd {

// The query that reads the <cib> element's attributes.
cib::CibRequest cib_root_query();
// True when `cib_root_xml` (the answer to cib_root_query) carries a non-empty dc-uuid.
bool dc_recorded(const std::string& cib_root_xml);

}  // namespace pacer::ifcheckd
