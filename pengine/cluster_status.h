// crm_simulate's "Current cluster status" / "Revised Cluster Status" blocks (Pacemaker 2.1 text
// layout), and the simulated outcome of a transition that the revised block shows.
#pragma once

#include <string>

#include "pengine/schedule.h"

namespace pacer::pengine {

// "  * Node List:" ... "  * Full List of Resources:" ..., each line ending in a newline.
std::string format_cluster_status(const WorkingSet& ws);

// "N of M resource instances DISABLED and K BLOCKED ..." and a blank line, or "" when none are.
std::string format_disabled_count(const WorkingSet& ws);

// The state after every action of the graph succeeded: fenced nodes down, resources where they
// were assigned, failures recovered.
WorkingSet simulate_transition(const Schedule& schedule);

// "  * Resource action: prmEx           start on pm2" lines, in an order the graph allows.
std::string format_executed_actions(const Schedule& schedule);

}  // namespace pacer::pengine
