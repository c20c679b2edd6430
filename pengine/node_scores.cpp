// Node eligibility, location constraints, stickiness and fail-count bans.
#include "pengine/node_scores.h"

#include <algorithm>

#include "pengine/rules.h"

namespace pacer::pengine {
namespace {

// Whether constraints on resource `target` apply to primitive `p` (itself, its clone, or its
// group when `p` leads the group: the group's preferences are counted once, through the leader).
bool constraint_applies(const WorkingSet& ws, int target, int p) {
  if (target == p) return true;
  const Resource& rsc = ws.resources[p];
  if (!rsc.parent || *rsc.parent != target) return false;
  const Resource& parent = ws.resources[target];
  if (parent.kind == ResourceKind::kClone) return true;
  return parent.kind == ResourceKind::kGroup && parent.children.front() == p;
}

void add(std::map<int, Score>& scores, int node, Score score, bool symmetric) {
  auto found = scores.find(node);
  if (found == scores.end()) {
    // In an opt-in (asymmetric) cluster a location constraint is what makes a node allowed.
    if (!symmetric && score < 0) return;
    scores[node] = score;
    return;
  }
  found->second = add_scores(found->second, score);
}

}  // namespace

bool node_can_run(const WorkingSet& ws, int node) {
  const Node& n = ws.nodes[node];
  if (!n.online || n.unclean || n.standby) return false;
  if (!ws.options.have_quorum && ws.options.no_quorum_policy != NoQuorumPolicy::kIgnore &&
      ws.options.no_quorum_policy != NoQuorumPolicy::kFreeze)
    return false;
  return true;
}

Score fail_count(const WorkingSet& ws, const Resource& rsc, int node) {
  Score total = 0;
  std::string name = "fail-count-" + rsc.base_id;
  for (const auto& [key, value] : ws.nodes[node].attributes) {
    if (key != name && key.rfind(name + "#", 0) != 0) continue;
    auto parsed = parse_score(value);
    if (parsed) total = add_scores(total, *parsed);
  }
  return total;
}

void compute_node_scores(WorkingSet& ws) {
  const bool symmetric = ws.options.symmetric_cluster;
  for (int p = 0; p < static_cast<int>(ws.resources.size()); ++p) {
    Resource& rsc = ws.resources[p];
    if (rsc.kind != ResourceKind::kPrimitive) continue;
    std::map<int, Score> scores;
    if (symmetric)
      for (int n = 0; n < static_cast<int>(ws.nodes.size()); ++n) scores[n] = 0;
    for (const Location& location : ws.locations) {
      if (!constraint_applies(ws, location.rsc, p)) continue;
      if (location.node) {
        add(scores, *location.node, location.score, symmetric);
        continue;
      }
      for (int n = 0; n < static_cast<int>(ws.nodes.size()); ++n)
        for (const Rule& rule : location.rules)
          if (evaluate_rule(rule, ws.nodes[n].attributes))
            add(scores, n, rule_score(rule, ws.nodes[n].attributes), symmetric);
    }
    if (rsc.running_on.size() == 1 && rsc.managed) {
      auto found = scores.find(rsc.running_on.front());
      if (found != scores.end()) found->second = add_scores(found->second, rsc.stickiness);
    }
    for (auto& [node, score] : scores) {
      if (!node_can_run(ws, node)) score = -kInfinity;
      if (rsc.migration_threshold > 0 && fail_count(ws, rsc, node) >= rsc.migration_threshold)
        score = -kInfinity;
    }
    rsc.node_scores = std::move(scores);
  }
}

}  // namespace pacer::pengine
