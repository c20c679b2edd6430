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

using ApplyCib = std::function<void(const cib::CibRequest&)>;

// Starts the fencing. Returns false when it could not be started (no port, stonithd unreachable):
// the caller fails the action at once. Otherwise `confirm` is called later with the result. On
// success the node's node_state becomes down/expected down (so the policy engine no longer sees it
// unclean) and its lrm and transient_attributes are erased, through `apply`.
bool start_fencing(const GraphAction& action, Millis stonith_timeout, FencingPort* port, ApplyCib apply,
                   LogSink& log, std::function<void(bool ok)> confirm);

// Whether the cluster fences: crm_config's stonith-enabled, true when unset (as the policy engine
// reads it). A CIB that cannot be read counts as not fencing.
bool stonith_enabled(CibPort& cib);

// A node left the membership without having asked to shut down. With fencing, it left uncleanly:
// its node_state keeps expected=member (the policy engine schedules its fencing) and its lrm and
// transient_attributes stay until it was fenced. Without fencing it is simply down and its
// history goes.
void record_node_loss(const std::string& uuid, const std::string& node, bool fence, const ApplyCib& apply);

}  // namespace pacer::crmd
