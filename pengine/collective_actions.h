// Pseudo events of groups and clones: the pipeline stage after fencing.
//
// A collective that has members starting gets `<id>_start_0` (before them) and `<id>_running_0`
// (after them); one with members stopping gets `<id>_stop_0` and `<id>_stopped_0`. Orderings
// between collectives (rsc_order on a group or clone) attach to these events, so crmd waits for
// the whole collective, as Pacemaker 2.1.5's graphs do.
#pragma once

#include "pengine/graph.h"
#include "pengine/working_set.h"

namespace pacer::pengine {

void create_collective_actions(const WorkingSet& ws, TransitionGraph& graph);

// The primitives a collective's events bracket (its members, or its instances).
std::vector<int> member_primitives(const WorkingSet& ws, int r);

}  // namespace pacer::pengine
