// The transition graph as XML: what crm_simulate -G writes and crmd will execute.
// The format and the meaning of each element are in docs/transition-graph.md.
#pragma once

#include <string>

#include "pengine/schedule.h"

namespace pacer::pengine {

// The `operation` attribute: start, stop, monitor, running, stopped, stonith, clear_failcount.
std::string task_name(const Action& action);

// `<rsc>_<task>_<interval>` with the configured id (a clone instance's `prmPingd`), or for
// fencing `stonith-<node>-<action>`; `instance` gives a clone instance's own id instead
// (`prmPingd:0_stop_0`, the internal_operation_key).
std::string operation_key(const WorkingSet& ws, const Action& action, bool instance = false);

std::string format_graph_xml(const Schedule& schedule, int transition_id = 0);

}  // namespace pacer::pengine
