// Master/slave resources: which instances are promoted, and the promotion scores that also pull
// instances towards nodes (Pacemaker 2.1.5's reading of 1.0's `master-<rsc>` attributes).
#pragma once

#include "pengine/working_set.h"

namespace pacer::pengine {

// The promotion score of instance `instance` on `node`: the node's transient attribute
// master-<rsc> (an anonymous instance reads the one without its number); nullopt when unset.
std::optional<Score> promotion_attribute(const WorkingSet& ws, int instance, int node);

// Adds each instance's promotion scores to its allowed nodes before assignment: a running
// instance only where it runs, an inactive one on every node that has the attribute; never on a
// node that cannot run resources.
void add_promotion_scores(WorkingSet& ws);

}  // namespace pacer::pengine
