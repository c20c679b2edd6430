// Fencing: the pipeline's sixth stage. Every unclean node is fenced (when stonith is enabled),
// and the stops of its resources become pseudo actions implied by the fencing.
#pragma once

#include "pengine/graph.h"
#include "pengine/working_set.h"

namespace pacer::pengine {

void create_fencing_actions(const WorkingSet& ws, TransitionGraph& graph);

// Whether the resource may only start once unclean nodes are fenced: every resource but a fence
// device while stonith is enabled (2.1.5's default requires=fencing).
bool requires_fencing(const WorkingSet& ws, int rsc);

}  // namespace pacer::pengine
