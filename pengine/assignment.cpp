// Assignment of primitives and groups, and the colocation arithmetic both use.
#include "pengine/assignment.h"

#include <algorithm>

#include "pengine/node_scores.h"

namespace pacer::pengine {
namespace {

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Dependents colocated with `r` pull it towards the nodes they prefer (scaled by the colocation
// score); a pull that would leave `r` nowhere to run is dropped, as dependents follow primaries.
void apply_dependent_preferences(const WorkingSet& ws, int r, std::map<int, Score>& scores) {
  for (const Colocation& c : ws.colocations) {
    if (c.with_rsc != r || c.score <= 0) continue;
    const Resource& dep = ws.resources[c.rsc];
    if (dep.assignment_done || dep.kind == ResourceKind::kClone) continue;
    std::vector<int> members = dep.kind == ResourceKind::kGroup ? dep.children
                                                                 : std::vector<int>{c.rsc};
    std::map<int, Score> merged = scores;
    for (auto& [node, score] : merged) {
      Score dep_score = 0;
      for (int m : members) {
        auto found = ws.resources[m].node_scores.find(node);
        dep_score = add_scores(dep_score, found == ws.resources[m].node_scores.end() ? -kInfinity
                                                                                      : found->second);
      }
      long long scaled = static_cast<long long>(dep_score) * c.score / kInfinity;
      score = add_scores(score, static_cast<Score>(std::clamp<long long>(scaled, -kInfinity, kInfinity)));
    }
    bool viable = std::any_of(merged.begin(), merged.end(), [&](const auto& entry) {
      return entry.second >= 0 && node_can_run(ws, entry.first);
    });
    if (viable) scores = std::move(merged);
  }
}

std::map<int, Score> sum_of_members(const WorkingSet& ws, const std::vector<int>& members) {
  std::map<int, Score> total;
  bool first = true;
  for (int m : members) {
    const auto& own = ws.resources[m].node_scores;
    if (first) {
      total = own;
      first = false;
      continue;
    }
    for (auto& [node, score] : total) {
      auto found = own.find(node);
      score = add_scores(score, found == own.end() ? -kInfinity : found->second);
    }
  }
  return total;
}

std::vector<int> all_running_nodes(const WorkingSet& ws, const std::vector<int>& members) {
  std::vector<int> nodes;
  for (int m : members)
    for (int n : ws.resources[m].running_on)
      if (!contains(nodes, n)) nodes.push_back(n);
  return nodes;
}

void assign_group(WorkingSet& ws, int g) {
  const std::vector<int> members = ws.resources[g].children;
  std::optional<int> chosen;
  size_t placed = 0;
  if (!ws.resources[g].target_stopped) {
    for (size_t k = members.size(); k > 0 && !chosen; --k) {
      std::vector<int> prefix(members.begin(), members.begin() + static_cast<long>(k));
      auto scores = sum_of_members(ws, prefix);
      apply_primary_colocations(ws, g, scores);
      apply_dependent_preferences(ws, g, scores);
      chosen = choose_node(ws, scores, all_running_nodes(ws, prefix));
      if (chosen) placed = k;
    }
  }
  for (size_t i = 0; i < members.size(); ++i) {
    bool stopped = i >= placed || ws.resources[members[i]].target_stopped;
    record_assignment(ws, members[i], stopped ? std::nullopt : chosen);
    // Members after a stopped one cannot run: a group starts in order.
    if (stopped) placed = std::min(placed, i);
  }
  if (placed > 0) ws.resources[g].assigned = chosen;
}

void assign_primitive(WorkingSet& ws, int p) {
  Resource& rsc = ws.resources[p];
  if (!rsc.managed) {
    // An unmanaged resource stays where it is; the scheduler only watches it.
    record_assignment(ws, p, rsc.running_on.empty() ? std::nullopt
                                                     : std::optional<int>(rsc.running_on.front()));
    return;
  }
  std::optional<int> chosen;
  if (!rsc.target_stopped) {
    auto scores = rsc.node_scores;
    apply_primary_colocations(ws, p, scores);
    apply_dependent_preferences(ws, p, scores);
    chosen = choose_node(ws, scores, ws.resources[p].running_on);
  }
  record_assignment(ws, p, chosen);
}

}  // namespace

std::vector<int> assigned_nodes(const WorkingSet& ws, int r) {
  const Resource& rsc = ws.resources[r];
  std::vector<int> nodes;
  if (rsc.kind == ResourceKind::kClone) {
    for (int i : rsc.children)
      if (ws.resources[i].assigned && !contains(nodes, *ws.resources[i].assigned))
        nodes.push_back(*ws.resources[i].assigned);
  } else if (rsc.assigned) {
    nodes.push_back(*rsc.assigned);
  }
  return nodes;
}

void apply_primary_colocations(WorkingSet& ws, int r, std::map<int, Score>& scores) {
  for (const Colocation& c : std::vector<Colocation>(ws.colocations)) {
    if (c.rsc != r) continue;
    assign_resource(ws, c.with_rsc);
    std::vector<int> where = assigned_nodes(ws, c.with_rsc);
    for (auto& [node, score] : scores) {
      bool with_primary = contains(where, node);
      if (c.score >= kInfinity) {
        if (!with_primary) score = -kInfinity;
      } else if (with_primary) {
        score = add_scores(score, c.score);
      }
    }
  }
}

std::optional<int> choose_node(const WorkingSet& ws, const std::map<int, Score>& scores,
                               const std::vector<int>& preferred) {
  std::optional<int> best;
  auto better = [&](int a, int b) {  // is node a a better choice than node b?
    Score sa = scores.at(a), sb = scores.at(b);
    if (sa != sb) return sa > sb;
    bool pa = contains(preferred, a), pb = contains(preferred, b);
    if (pa != pb) return pa;
    if (ws.nodes[a].assigned_count != ws.nodes[b].assigned_count)
      return ws.nodes[a].assigned_count < ws.nodes[b].assigned_count;
    return a < b;
  };
  for (const auto& [node, score] : scores) {
    if (score < 0 || !node_can_run(ws, node)) continue;
    if (!best || better(node, *best)) best = node;
  }
  return best;
}

void record_assignment(WorkingSet& ws, int primitive, std::optional<int> node) {
  Resource& rsc = ws.resources[primitive];
  rsc.assigned = node;
  rsc.assignment_done = true;
  if (node) ++ws.nodes[*node].assigned_count;
}

void assign_resource(WorkingSet& ws, int r) {
  Resource& rsc = ws.resources[r];
  if (rsc.assignment_done || rsc.assignment_in_progress) return;  // a colocation loop ends here
  rsc.assignment_in_progress = true;
  switch (rsc.kind) {
    case ResourceKind::kPrimitive: assign_primitive(ws, r); break;
    case ResourceKind::kGroup: assign_group(ws, r); break;
    case ResourceKind::kClone: assign_clone(ws, r); break;
  }
  ws.resources[r].assignment_done = true;
  ws.resources[r].assignment_in_progress = false;
}

void assign_resources(WorkingSet& ws) {
  for (int r : ws.top_level) assign_resource(ws, r);
}

}  // namespace pacer::pengine
