// Replaying the operation history of a CIB's status section into a ClusterView: which resources
// are active where, in which role, which failed, which ops failed (Failed actions), and which
// failures leave a node unclean or in standby (on-fail=fence / standby).
#pragma once

#include <optional>

#include "common/result.h"
#include "common/xml.h"
#include "tools/cluster_view.h"

namespace pacer::tools {

// `status` is the <status> element (nullopt: none). Fills view.ops, view.failed_ops, the
// primitives' nodes/role/failed, expands clones into instances, and appends active orphans.
Status replay_history(std::optional<XmlNode> status, ClusterView& view);

}  // namespace pacer::tools
