// Colocations during assignment: applying a primary's placement to a dependent, and merging a
// dependent's preferences into a primary's scores (Pacemaker 2.1.5's arithmetic, rounding and
// roll-backs included, as they show in -s output and decide ties).
#include <strings.h>

#include <algorithm>

#include "pengine/assignment.h"
#include "pengine/node_scores.h"

namespace pacer::pengine {
namespace {

}  // namespace

bool Assigner::can_run_any(const NodeScores& nodes) const {
  for (const auto& [node, score] : nodes)
    if (score >= 0 && node_can_run(ws_, node)) return true;
  return false;
}

bool Assigner::same_attribute(int a, int b, const std::string& attribute) const {
  if (a == b) return true;
  const auto& attrs_a = ws_.nodes[a].attributes;
  const auto& attrs_b = ws_.nodes[b].attributes;
  auto va = attrs_a.find(attribute), vb = attrs_b.find(attribute);
  if (va == attrs_a.end() || vb == attrs_b.end()) return false;
  return strcasecmp(va->second.c_str(), vb->second.c_str()) == 0;
}

void Assigner::colocate_with_primary(int dependent, const Colocation& c) {
  const Resource& primary = ws_.resources[c.with_rsc];
  if (c.score == 0 || !primary.assignment_done) return;
  switch (primary.kind) {
    case ResourceKind::kPrimitive:
      colocation_match(dependent, c.with_rsc, c);
      return;
    case ResourceKind::kGroup: {
      // Mandatory: with the whole group (its last member); otherwise its first is enough.
      int member = c.score >= kInfinity ? primary.children.back() : primary.children.front();
      if (ws_.resources[member].assignment_done) colocation_match(dependent, member, c);
      return;
    }
    case ResourceKind::kClone: {
      if (c.with_rsc_role != Role::kStarted) {
        colocate_with_role(dependent, c);
        return;
      }
      if (c.score >= kInfinity) {
        std::vector<int> where;
        for (int i : primary.children)
          if (ws_.resources[i].assigned) where.push_back(*ws_.resources[i].assigned);
        NodeScores& scores = ws_.resources[dependent].node_scores;
        for (auto& [node, score] : scores)
          if (std::find(where.begin(), where.end(), node) == where.end()) score = -kInfinity;
        for (int node : where) scores.emplace(node, -kInfinity);
        return;
      }
      for (int i : primary.children)
        if (ws_.resources[i].assignment_done) colocation_match(dependent, i, c);
      return;
    }
  }
}

// With the instances of a master/slave resource that are to have a role (with-rsc-role): their
// nodes gain the score (-INFINITY bans them); a mandatory one allows only their nodes and adds
// what the instance scored there when it was assigned, as the reference's -s lines show.
void Assigner::colocate_with_role(int dependent, const Colocation& c) {
  const Resource& primary = ws_.resources[c.with_rsc];
  std::vector<std::pair<int, Score>> affected;  // node, the instance's score there
  for (int i : primary.children) {
    const Resource& instance = ws_.resources[i];
    if (!instance.assigned || instance.promote != (c.with_rsc_role == Role::kMaster)) continue;
    auto own = instance.node_scores.find(*instance.assigned);
    affected.emplace_back(*instance.assigned, own == instance.node_scores.end() ? 0 : own->second);
  }
  NodeScores& scores = ws_.resources[dependent].node_scores;
  for (auto& [node, score] : scores) {
    bool matched = false;
    for (const auto& [where, weight] : affected) {
      if (!same_attribute(node, where, c.node_attribute)) continue;
      matched = true;
      score = add_scores(score, c.score >= kInfinity ? weight : c.score);
    }
    if (!matched && c.score >= kInfinity) score = -kInfinity;
  }
}

void Assigner::colocation_match(int dependent, int primary, const Colocation& c) {
  if (ws_.resources[dependent].assignment_done) return;
  const std::optional<int> where = ws_.resources[primary].assigned;
  if (!where && c.score < 0) return;  // nothing to keep away from
  NodeScores work = ws_.resources[dependent].node_scores;
  for (auto& [node, score] : work) {
    if (!where) {
      score = add_scores(-c.score, score);
    } else if (same_attribute(node, *where, c.node_attribute)) {
      if (c.score < kInfinity) score = add_scores(c.score, score);
    } else if (c.score >= kInfinity) {
      score = -kInfinity;
    }
  }
  // A finite preference that would leave nowhere to run is dropped.
  if (can_run_any(work) || c.score <= -kInfinity || c.score >= kInfinity)
    ws_.resources[dependent].node_scores = std::move(work);
}

void Assigner::add_matching_scores(NodeScores& nodes, int r, const std::string& attribute,
                                   float factor, bool positive_only) {
  const Resource& rsc = ws_.resources[r];
  for (auto& [node, weight] : nodes) {
    // The resource's best score on a usable node that matches this one.
    Score score = -kInfinity;
    for (const auto& [other, other_score] : rsc.node_scores)
      if (other_score > score && node_can_run(ws_, other) && same_attribute(node, other, attribute))
        score = other_score;
    if (factor < 0 && score < 0) continue;  // a negative of a negative is no preference
    if (positive_only && score < 0 && weight >= 0) {
      if (weight > 0) weight = kPositiveHack;
      continue;
    }
    float product = factor * static_cast<float>(score);
    Score delta = static_cast<Score>(product < 0 ? product - 0.5f : product + 0.5f);
    if (delta == 0 && score != 0) delta = factor > 0 ? 1 : factor < 0 ? -1 : 0;
    Score updated = add_scores(delta, weight);
    if (positive_only && updated < 0 && weight >= 0) {
      if (weight > 0) weight = kPositiveHack;
      continue;
    }
    weight = updated;
  }
}

NodeScores Assigner::merge_weights(int r, NodeScores nodes, const std::string& attribute,
                                   float factor, bool rollback, bool positive_only) {
  if (merging_[r]) return nodes;  // a colocation loop ends here
  const Resource& rsc = ws_.resources[r];
  if (rsc.kind == ResourceKind::kGroup) {
    if (rsc.children.empty()) return nodes;
    merging_[r] = 1;
    nodes = merge_weights(rsc.children.front(), std::move(nodes), attribute, factor, rollback,
                          positive_only);
    for (int k : std::vector<int>(with_dependents_[r])) {
      const Colocation c = ws_.colocations[k];
      if (c.score == 0) continue;
      nodes = merge_weights(c.rsc, std::move(nodes), c.node_attribute,
                            static_cast<float>(c.score) / kInfinity, rollback, positive_only);
    }
    merging_[r] = 0;
    return nodes;
  }
  merging_[r] = 1;
  NodeScores work = nodes;
  add_matching_scores(work, r, attribute, factor, positive_only);
  if (can_run_any(work)) {
    const int sign = factor < 0 ? -1 : 1;
    for (int k : std::vector<int>(with_dependents_[r])) {
      const Colocation c = ws_.colocations[k];
      work = merge_weights(c.rsc, std::move(work), c.node_attribute,
                           static_cast<float>(sign * c.score) / kInfinity, true, positive_only);
    }
  } else if (rollback) {
    merging_[r] = 0;
    return nodes;
  }
  merging_[r] = 0;
  return work;
}

}  // namespace pacer::pengine
