// Creating actions from the assignment: the pipeline's fifth stage.
//
// A primitive stops where it runs but is not assigned (or failed, or must restart because an
// earlier group member restarts), starts where it is assigned but not running, and gets its
// recurring monitors where it starts.
#pragma once

#include "pengine/graph.h"
#include "pengine/working_set.h"

namespace pacer::pengine {

void create_resource_actions(WorkingSet& ws, TransitionGraph& graph);

// After fencing: a stop that must wait for one that cannot run (a member blocked by on-fail=block
// later in its group, the `then` of a symmetrical order, a node that cannot be fenced) cannot run
// either, nor then the resource's start; the summary shows such stops as blocked.
void block_unstoppable(const WorkingSet& ws, TransitionGraph& graph);

}  // namespace pacer::pengine
