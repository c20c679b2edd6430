// Orderings between actions: the pipeline's seventh stage. A resource stops before it starts
// again; group members start in order and stop in reverse order; rsc_order constraints order the
// starts (and, when symmetrical, the stops in reverse); recurring monitors follow their start.
#pragma once

#include "pengine/graph.h"
#include "pengine/working_set.h"

namespace pacer::pengine {

void create_orderings(const WorkingSet& ws, TransitionGraph& graph);

}  // namespace pacer::pengine
