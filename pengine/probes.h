// Probes: a one-off monitor (interval 0, expected "not running") of each resource on each online
// node that has no history of it, so the cluster knows its state before starting it anywhere.
// A stage after the collectives' pseudo events, which probes of clone instances are ordered before.
#pragma once

#include "pengine/graph.h"
#include "pengine/working_set.h"

namespace pacer::pengine {

void create_probes(const WorkingSet& ws, TransitionGraph& graph);

}  // namespace pacer::pengine
