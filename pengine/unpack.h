// Unpacking a CIB into a WorkingSet: the first stage of the scheduling pipeline.
//
// Each function reads one part of the CIB; a malformed element gives an error naming it and its
// line (never a crash, never a silent default for something that cannot be understood).
#pragma once

#include "common/result.h"
#include "common/xml.h"
#include "pengine/working_set.h"

namespace pacer::pengine {

// The whole CIB: configuration first, then status.
// `now` (seconds since the epoch) decides which failures have expired (failure-timeout).
Result<WorkingSet> unpack_cib(const XmlDocument& cib, std::int64_t now = 0);

// The stages, in the order unpack_cib runs them.
Status unpack_cluster_options(XmlNode cib, XmlNode configuration, WorkingSet& ws);
Status unpack_nodes(XmlNode configuration, WorkingSet& ws);
Status unpack_resources(XmlNode configuration, WorkingSet& ws);
Status unpack_constraints(XmlNode configuration, WorkingSet& ws);
Status unpack_node_states(XmlNode status, WorkingSet& ws);
Status unpack_history(XmlNode status, WorkingSet& ws);

}  // namespace pacer::pengine
