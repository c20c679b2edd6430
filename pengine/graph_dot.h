// The transition graph in Graphviz's dot language, as crm_simulate -D writes it (Pacemaker 2.1.5's
// layout): one vertex per action — green and bold when it is in the graph, red and dashed when it
// cannot run; orange text for pseudo actions — and one edge per ordering between them.
#pragma once

#include <string>

#include "pengine/schedule.h"

namespace pacer::pengine {

// "prmEx_stop_0 pm1", "grpPg_stopped_0" (a collective's event has no node), "stonith 'reboot' pm1".
std::string dot_label(const WorkingSet& ws, const Action& action);

std::string format_graph_dot(const Schedule& schedule);

}  // namespace pacer::pengine
