// Node eligibility and each resource's own scores per node: the pipeline's second stage.
//
// A primitive's own score on a node sums its location constraints (its own, its clone's, and for a
// group's first member the group's), its stickiness where it runs, and -INFINITY where its fail
// count reached migration-threshold or the node cannot run resources.
#pragma once

#include <map>

#include "pengine/working_set.h"

namespace pacer::pengine {

// Online, clean, not in standby, and (without quorum under no-quorum-policy=stop) nowhere.
bool node_can_run(const WorkingSet& ws, int node);

// The fail count of a resource on a node: fail-count-<id> plus any fail-count-<id>#<op> values.
Score fail_count(const WorkingSet& ws, const Resource& rsc, int node);

// Fills Resource::node_scores of every schedulable primitive.
void compute_node_scores(WorkingSet& ws);

}  // namespace pacer::pengine
