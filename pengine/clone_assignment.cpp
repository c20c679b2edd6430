// Assignment of anonymous clone instances, as Pacemaker 2.1.5 distributes them: the clone's
// primaries first, its dependents' preferences merged into its own scores, then instances kept
// where they run (at most an even share per node), then the rest on the best nodes with room.
#include <algorithm>
#include <map>

#include "pengine/assignment.h"
#include "pengine/node_scores.h"

namespace pacer::pengine {
namespace {

// glib's g_list_sort: split after the first floor(n/2), merge taking the left one on ties.
template <typename Compare>
std::vector<int> merge_sort(const std::vector<int>& list, const Compare& compare) {
  if (list.size() < 2) return list;
  size_t half = list.size() / 2;
  auto left = merge_sort(std::vector<int>(list.begin(), list.begin() + static_cast<long>(half)), compare);
  auto right = merge_sort(std::vector<int>(list.begin() + static_cast<long>(half), list.end()), compare);
  std::vector<int> out;
  size_t i = 0, j = 0;
  while (i < left.size() && j < right.size())
    out.push_back(compare(left[i], right[j]) <= 0 ? left[i++] : right[j++]);
  out.insert(out.end(), left.begin() + static_cast<long>(i), left.end());
  out.insert(out.end(), right.begin() + static_cast<long>(j), right.end());
  return out;
}

}  // namespace

void Assigner::assign_clone(int c) {
  if (ws_.resources[c].assignment_done || ws_.resources[c].assignment_in_progress) return;
  ws_.resources[c].assignment_in_progress = true;
  for (int k : std::vector<int>(with_primaries_[c])) assign(ws_.colocations[k].with_rsc);
  for (int k : std::vector<int>(with_dependents_[c])) {
    const Colocation col = ws_.colocations[k];
    ws_.resources[c].node_scores =
        merge_weights(col.rsc, ws_.resources[c].node_scores, col.node_attribute,
                      static_cast<float>(col.score) / kInfinity, true, true);
  }
  for (auto& [node, score] : ws_.resources[c].node_scores)
    if (score == kPositiveHack) score = 1;
  show_scores("pcmk__clone_allocate", c);

  // Order: instances not banned from where they run (or running nowhere) first; then active on a
  // usable node, active on a lost or standby node (a healthy one before a failed one), inactive.
  // On a usable node a failed instance sorts as a healthy one: it is only left out of the first
  // round (kept where it runs), so with its stickiness it usually recovers in place.
  std::vector<int> order = ws_.resources[c].children;
  auto rank = [&](int i) {
    const Resource& rsc = ws_.resources[i];
    if (rsc.running_on.empty()) return 4;
    int node = rsc.running_on.front();
    auto own = rsc.node_scores.find(node);
    bool banned = own == rsc.node_scores.end() || own->second < 0;
    // A master/slave instance active where it cannot stay sorts after the inactive ones, which
    // carry their promotion scores on every node: it then stops and another instance starts.
    // (Plain clones keep the order above.)
    if (ws_.resources[c].promotable && !node_can_run(ws_, node)) banned = true;
    return (banned ? 16 : 0) + (node_can_run(ws_, node) ? 0 : rsc.failed ? 3 : 2);
  };
  // Among active instances, the one whose node the clone's colocations favour more goes first.
  std::map<int, std::vector<Score>> merged;  // instance -> {score where it runs}
  for (int i : order) {
    if (ws_.resources[i].running_on.empty()) continue;
    NodeScores scores = ws_.resources[i].node_scores;
    for (int k : with_primaries_[c]) {
      const Colocation col = ws_.colocations[k];
      if (col.score == 0) continue;
      scores = merge_weights(col.with_rsc, std::move(scores), col.node_attribute,
                             static_cast<float>(col.score) / kInfinity, false, false);
    }
    for (int k : with_dependents_[c]) {
      const Colocation col = ws_.colocations[k];
      scores = merge_weights(col.rsc, std::move(scores), col.node_attribute,
                             static_cast<float>(col.score) / kInfinity, false, true);
    }
    auto here = scores.find(ws_.resources[i].running_on.front());
    merged[i] = {here == scores.end() ? -kInfinity : here->second};
  }
  // The reference's comparison, quirk included: a lower score at the current node that is
  // negative sorts first. It is no strict ordering, so the sort must be glib's merge sort too.
  auto compare = [&](int a, int b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b) ? -1 : 1;
    auto ka = merged.find(a), kb = merged.find(b);
    // Two inactive master/slave instances: their promotion scores differ (one no history names
    // reads every node), and the one with the better scores, best first, goes first.
    if (ka == merged.end() && kb == merged.end() && ws_.resources[c].promotable) {
      auto best_first = [&](int i) {
        std::vector<Score> scores;
        for (const auto& [node, score] : ws_.resources[i].node_scores)
          if (node_can_run(ws_, node)) scores.push_back(score);
        std::sort(scores.rbegin(), scores.rend());
        return scores;
      };
      auto la = best_first(a), lb = best_first(b);
      return la > lb ? -1 : la < lb ? 1 : 0;
    }
    if (ka == merged.end() || kb == merged.end()) return 0;
    Score wa = ka->second.front(), wb = kb->second.front();
    if (wa < wb) return wa < 0 ? -1 : 1;
    return wa > wb ? -1 : 0;
  };
  order = merge_sort(order, compare);
  distribute_instances(c, order);
  set_instance_roles(c);
  ws_.resources[c].assignment_done = true;
  ws_.resources[c].assignment_in_progress = false;
}

void Assigner::distribute_instances(int c, const std::vector<int>& instances) {
  const Resource& clone = ws_.resources[c];
  const int max = clone.clone_max;
  int available = 0;
  instances_on_[c].clear();
  for (const auto& [node, score] : clone.node_scores) {
    instances_on_[c][node] = 0;
    if (node_can_run(ws_, node)) ++available;
  }
  const bool all_colocations = max < available;
  const int optimal = std::max(1, available > 0 ? max / available : 1);
  int assigned = 0;
  for (int i : instances) {
    if (assigned >= max) break;
    const Resource& rsc = ws_.resources[i];
    if (rsc.running_on.empty() || rsc.assignment_done || rsc.failed) continue;
    int node = rsc.running_on.front();
    if (!node_can_run(ws_, node)) continue;
    auto local = instances_on_[c].find(node);
    if (local != instances_on_[c].end() && local->second >= optimal) continue;
    if (assign_instance(c, i, node, all_colocations)) ++assigned;
  }
  for (int i : instances) {
    if (ws_.resources[i].assignment_done) continue;
    if (assigned >= max) {
      for (int n = 0; n < static_cast<int>(ws_.nodes.size()); ++n) add_location(ws_, i, n, -kInfinity);
      record(i, std::nullopt);
      continue;
    }
    if (assign_instance(c, i, std::nullopt, all_colocations)) ++assigned;
  }
}

bool Assigner::assign_instance(int c, int instance, std::optional<int> prefer, bool all_colocations) {
  if (ws_.resources[instance].assignment_done) return ws_.resources[instance].assigned.has_value();
  if (ws_.resources[instance].assignment_in_progress) return false;
  // The clone's colocations become the instance's: mandatory and negative ones always, the
  // optional positive ones only when not every node gets an instance.
  for (int k : with_primaries_[c]) {
    Score s = ws_.colocations[k].score;
    if (all_colocations || s < 0 || s == kInfinity)
      with_primaries_[instance].insert(with_primaries_[instance].begin(), k);
  }
  for (int k : with_dependents_[c])
    if (all_colocations || ws_.colocations[k].score < 0)
      with_dependents_[instance].insert(with_dependents_[instance].begin(), k);
  if (prefer) {
    auto found = ws_.resources[instance].node_scores.find(*prefer);
    if (found == ws_.resources[instance].node_scores.end() || found->second < 0) return false;
  }
  limit_instance_nodes(c, instance, std::max(1, ws_.resources[c].clone_node_max));
  NodeScores backup = ws_.resources[instance].node_scores;
  auto chosen = assign_primitive(instance, prefer);
  if (chosen && prefer && *chosen != *prefer) {
    // Somewhere else is better: leave it for the second round.
    ws_.resources[instance].node_scores = std::move(backup);
    unassign(instance);
    chosen.reset();
  }
  if (chosen) {
    auto local = instances_on_[c].find(*chosen);
    if (local != instances_on_[c].end()) ++local->second;
  }
  return chosen.has_value();
}

void Assigner::limit_instance_nodes(int c, int instance, int per_node_max) {
  const Resource& clone = ws_.resources[c];
  for (auto& [node, score] : ws_.resources[instance].node_scores) {
    auto parent = clone.node_scores.find(node);
    bool usable = node_can_run(ws_, node) && parent != clone.node_scores.end() &&
                  !ws_.resources[instance].orphan;
    if (!usable || parent->second < 0 || instances_on_[c][node] >= per_node_max) {
      score = add_scores(score, -kInfinity);
    }
  }
}

}  // namespace pacer::pengine
