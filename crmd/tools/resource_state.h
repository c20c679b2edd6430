// What crm_resource reads from the CIB: the resources (primitives, groups, clones, masters) and
// where each primitive is active according to the status section's operation history.
#pragma once

#include <string>
#include <vector>

#include "common/xml.h"

namespace pacer::crmd::tools {

// Nodes where `rsc` is active: its last one-shot operation left it running (a successful start,
// promote, migrate_from, or a probe that found it running) and no later recurring monitor said
// "not running".
std::vector<std::string> active_nodes(const XmlDocument& cib, const std::string& rsc);

// crm_resource -L: one line per primitive in 1.0's layout
// (" prmDummy\t(ocf::heartbeat:Dummy):\tStarted pm1"), groups and clones as headers.
std::string list_resources(const XmlDocument& cib);

}  // namespace pacer::crmd::tools
