// The DC's part of a fencing (Pacemaker 1.0's te_fence_node / tengine_stonith_callback): the
// graph's `stonith` action goes to stonithd with the cluster's stonith-timeout; when the node was
// fenced, its `lrm` and `transient_attributes` are erased from the CIB status, so it rejoins with
// no operation history and no fail-count, and the action is confirmed; a failure fails the action
// (the transition aborts and the policy engine plans the fencing again).
#pragma once

#include <functional>

#include "crmd/controller_ports.h"
#include "crmd/fencing_port.h"
#include "crmd/transition_graph.h"

namespace pacer::crmd {

// Starts the fencing. Returns false when it could not be started (no port, stonithd unreachable):
// the caller fails the action at once. Otherwise `confirm` is called later with the result.
bool start_fencing(const GraphAction& action, Millis stonith_timeout, FencingPort* port, CibPort& cib,
                   LogSink& log, std::function<void(bool ok)> confirm);

}  // namespace pacer::crmd
