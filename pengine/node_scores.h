// Node eligibility and each resource's allowed nodes: the pipeline's second stage.
//
// As in Pacemaker 2.1.5, every resource (groups and clones too) starts with every node at 0 in a
// symmetric cluster (none in an opt-in one); location constraints add their scores (on a group:
// to the group, fully to its first member, as a bare 0 to the other members; on a clone: to the
// clone and every instance); stickiness is added where a resource runs; a fail count at
// migration-threshold bans the node (for a clone instance, the whole clone). Whether a node can
// run resources at all is not folded in: the assignment checks it when it chooses.
#pragma once

#include <map>

#include "pengine/working_set.h"

namespace pacer::pengine {

// Online, clean, not in standby and not shutting down (quorum is decided after assignment).
bool node_can_run(const WorkingSet& ws, int node);

// Whether a node attribute is one of the resource's fail counts: fail-count-<id>[:N] in a CIB
// older than feature set 3.0.13 (Pacemaker 1.0's form), fail-count-<id>[:N]#<op>_<interval>
// otherwise; the reference ignores the other form.
bool is_fail_count_of(std::string_view key, std::string_view base, bool legacy);

// The fail count of a resource on a node as recorded: the sum of its fail-count attributes.
Score raw_fail_count(const WorkingSet& ws, const Resource& rsc, int node);

// Whether its failures there have expired: failure-timeout set and the latest matching
// last-failure attribute at least that old at ClusterOptions::now.
bool failures_expired(const WorkingSet& ws, const Resource& rsc, int node);

// The fail count that counts (for migration-threshold): 0 once the failures have expired.
Score fail_count(const WorkingSet& ws, const Resource& rsc, int node);

// Fills Resource::node_scores of every resource but clone templates.
void compute_node_scores(WorkingSet& ws);

// Adds `score` on `node` to `r` and, recursively, to its children (Pacemaker's resource_location).
void add_location(WorkingSet& ws, int r, int node, Score score);

}  // namespace pacer::pengine
