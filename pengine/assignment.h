// Assigning resources to nodes: the pipeline's fourth stage (after node scores and constraints).
//
// Resources are assigned in CIB order, each after the resources it is colocated with (its
// primaries). A group goes as a whole to the node where the sum of its members' scores is best;
// when no node can take all members, the longest runnable prefix goes and the rest stop, which is
// how a failed last member stops alone. Clones place one instance per node, keeping running
// instances where they are.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "pengine/working_set.h"

namespace pacer::pengine {

void assign_resources(WorkingSet& ws);

// Shared by the primitive/group and clone assignment files.
void assign_resource(WorkingSet& ws, int r);
void assign_clone(WorkingSet& ws, int clone);
// Nodes where a resource of any kind has been assigned (empty if stopped or not yet assigned).
std::vector<int> assigned_nodes(const WorkingSet& ws, int r);
// Colocations naming `r` as dependent, applied to scores after assigning their primaries.
void apply_primary_colocations(WorkingSet& ws, int r, std::map<int, Score>& scores);
// The best node with a non-negative score that can run resources; ties go to a node in
// `preferred` (where it runs now), then to the node with fewer assigned resources, then CIB order.
std::optional<int> choose_node(const WorkingSet& ws, const std::map<int, Score>& scores,
                               const std::vector<int>& preferred);
void record_assignment(WorkingSet& ws, int primitive, std::optional<int> node);

}  // namespace pacer::pengine
