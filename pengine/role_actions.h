// Actions that change the role of a master/slave instance: promote, demote, and the recurring
// monitors that go with a role (the old role's cancelled, the new role's created).
#pragma once

#include <vector>

#include "pengine/graph.h"
#include "pengine/working_set.h"

namespace pacer::pengine {

// Whether r is an instance of a master/slave resource.
bool is_promotable_instance(const WorkingSet& ws, int r);

// The role r is to have where it is assigned: kMaster/kSlave for such an instance, else kStarted.
Role next_role(const WorkingSet& ws, int r);

// The recurring monitors configured for a role: role="Master" ones for kMaster, the others
// (role="Slave" or none) for kSlave and kStarted.
std::vector<const OperationSpec*> recurring_monitors(const Resource& rsc, Role role);

// Adds r's recurring monitors for `role` on `node`.
void add_monitors(const WorkingSet& ws, TransitionGraph& graph, int r, int node, Role role);

// For an instance whose start/stop actions exist already: a demote where it is Master and stops
// or stays but is not to be Master; a promote where it is to be Master and is not yet (or
// restarts); for a role change in place, the old role's monitors cancelled and the new ones.
void create_role_actions(const WorkingSet& ws, TransitionGraph& graph, int r);

}  // namespace pacer::pengine
