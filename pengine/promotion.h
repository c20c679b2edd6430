// Master/slave resources: which instances are promoted, and the promotion scores that also pull
// instances towards nodes (Pacemaker 2.1.5's reading of 1.0's `master-<rsc>` attributes).
#pragma once

#include "pengine/working_set.h"

namespace pacer::pengine {

// The promotion score of instance `instance` on `node`: the node's transient attribute
// master-<rsc> (an anonymous instance reads the one without its number); nullopt when unset.
std::optional<Score> promotion_attribute(const WorkingSet& ws, int instance, int node);

// Adds each instance's promotion scores to its allowed nodes before assignment: on every node
// but those where another instance is active (for an instance some history names), those that
// cannot run resources, and never a negative score (that only forbids promotion).
void add_promotion_scores(WorkingSet& ws);

}  // namespace pacer::pengine
