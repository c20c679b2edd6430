// crm_simulate's "Current cluster status" / "Revised Cluster Status" blocks and its "Executing
// Cluster Transition" lines (Pacemaker 2.1 text layout).
#pragma once

#include <string>
#include <vector>

#include "pengine/schedule.h"

namespace pacer::pengine {

// "  * Node List:" ... "  * Full List of Resources:" ..., each line ending in a newline.
std::string format_cluster_status(const WorkingSet& ws);

// "N of M resource instances DISABLED and K BLOCKED ..." and a blank line, or "" when none are.
std::string format_disabled_count(const WorkingSet& ws);

// "  * Resource action: prmEx           start on pm2" lines for the actions of `executed` (action
// ids in the order they ran: execute_transition() in simulation_injection.h).
std::string format_executed_actions(const Schedule& schedule, const std::vector<int>& executed);

}  // namespace pacer::pengine
