// Promotion scores and their place in the allowed nodes (see promotion.h). Choosing the instances
// to promote needs the colocation arithmetic, so it lives with the assigner
// (Assigner::set_instance_roles, below).
#include "pengine/promotion.h"

#include <algorithm>
#include <map>

#include "pengine/assignment.h"
#include "pengine/node_scores.h"
#include "pengine/rules.h"

namespace pacer::pengine {

std::optional<Score> promotion_attribute(const WorkingSet& ws, int instance, int node) {
  const Attributes& attributes = ws.nodes[node].attributes;
  auto found = attributes.find("master-" + ws.resources[instance].base_id);
  if (found == attributes.end()) return std::nullopt;
  auto parsed = parse_score(found->second);
  if (!parsed) return std::nullopt;
  return *parsed;
}

void add_promotion_scores(WorkingSet& ws) {
  for (const Resource& clone : ws.resources) {
    if (!clone.promotable) continue;
    std::map<int, int> active_on;  // node -> the instance active there
    for (int i : clone.children)
      for (int node : ws.resources[i].running_on) active_on.emplace(node, i);
    for (int i : clone.children) {
      Resource& rsc = ws.resources[i];
      bool known = !rsc.running_on.empty() || rsc.bound_inactive;
      for (auto& [node, score] : rsc.node_scores) {
        // An instance some history names reads nothing on a node another instance is active on
        // (an unknown one reads every node). Nor does a node that cannot run resources count,
        // nor a negative score (that only forbids promotion, not running as a slave).
        auto there = active_on.find(node);
        if ((known && there != active_on.end() && there->second != i) || !node_can_run(ws, node)) continue;
        if (auto value = promotion_attribute(ws, i, node); value && *value >= 0)
          score = add_scores(score, *value);
      }
    }
  }
}

// Once the instances have nodes: each one's priority is its promotion score where it is assigned
// (-1 without one), plus the role="Master" locations matching that node; the clone's own scores
// there, with the preferences of what is colocated with its Master merged in, then decide for the
// instances that may be promoted. The best ones are promoted, master-max in all and
// master-node-max per node; a priority below 0 is never promoted.
void Assigner::set_instance_roles(int c) {
  Resource& clone = ws_.resources[c];
  if (!clone.promotable) return;
  NodeScores weights = clone.node_scores;
  for (int i : clone.children) {
    Resource& rsc = ws_.resources[i];
    rsc.promote = false;
    if (!rsc.assigned) {
      rsc.promotion_priority = -kInfinity;
      continue;
    }
    int node = *rsc.assigned;
    Score priority = promotion_attribute(ws_, i, node).value_or(-1);
    for (const Location& location : ws_.locations) {
      if (location.rsc != c && location.rsc != i) continue;
      if (location.node) {
        if (location.master_role && *location.node == node) priority = add_scores(priority, location.score);
        continue;
      }
      for (const Rule& rule : location.rules)
        if (rule.role == "Master" && evaluate_rule(rule, ws_.nodes[node].attributes))
          priority = add_scores(priority, rule_score(rule, ws_.nodes[node].attributes));
    }
    rsc.promotion_priority = priority;
    if (priority >= 0) {
      auto found = weights.find(node);
      if (found != weights.end()) found->second = add_scores(priority, found->second);
    }
  }
  for (int k : std::vector<int>(with_dependents_[c])) {
    const Colocation col = ws_.colocations[k];
    if (col.with_rsc_role != Role::kMaster) continue;
    weights = merge_weights(col.rsc, std::move(weights), col.node_attribute,
                            static_cast<float>(col.score) / kInfinity, true, true);
  }
  // A positive score the merge would have pushed below zero stays barely positive, as when the
  // clone itself is assigned.
  for (auto& [node, score] : weights)
    if (score == kPositiveHack) score = 1;
  std::vector<int> order;
  for (int i : clone.children) {
    Resource& rsc = ws_.resources[i];
    if (!rsc.assigned) continue;
    if (rsc.promotion_priority >= 0) {
      auto found = weights.find(*rsc.assigned);
      if (found != weights.end()) rsc.promotion_priority = found->second;
    }
    order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const Resource& ra = ws_.resources[a];
    const Resource& rb = ws_.resources[b];
    if (ra.promotion_priority != rb.promotion_priority) return ra.promotion_priority > rb.promotion_priority;
    return ra.master && !rb.master;
  });
  int promoted = 0;
  std::map<int, int> per_node;
  // A failed instance recovering on another node is not promoted there in this transition;
  // without quorum (unless ignored) only a Master stays one.
  auto vetoed = [&](const Resource& rsc) {
    if (rsc.failed && !rsc.running_on.empty() && rsc.running_on.front() != *rsc.assigned) return true;
    return !ws_.options.have_quorum && ws_.options.no_quorum_policy != NoQuorumPolicy::kIgnore && !rsc.master;
  };
  for (int i : order) {
    Resource& rsc = ws_.resources[i];
    // What may not be acted on keeps the role it has.
    if (!rsc.managed || rsc.blocked || rsc.frozen) {
      rsc.promote = rsc.master;
    } else if (rsc.promotion_priority < 0 || vetoed(rsc) || promoted >= clone.master_max ||
               per_node[*rsc.assigned] >= clone.master_node_max) {
      continue;
    } else {
      rsc.promote = true;
    }
    if (rsc.promote) {
      ++promoted;
      ++per_node[*rsc.assigned];
    }
  }
}

}  // namespace pacer::pengine
