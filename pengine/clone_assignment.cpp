// Assignment of anonymous clone instances: running instances keep their node while it may still
// run them; the remaining instances go to the best nodes without an instance, up to clone-max.
#include <algorithm>

#include "pengine/assignment.h"
#include "pengine/node_scores.h"

namespace pacer::pengine {

void assign_clone(WorkingSet& ws, int c) {
  const std::vector<int> instances = ws.resources[c].children;
  const int node_max = std::max(1, ws.resources[c].clone_node_max);
  std::map<int, int> per_node;
  std::vector<bool> placed(instances.size(), false);
  const bool stopped = ws.resources[c].target_stopped;

  // The clone's colocations restrict every instance alike.
  std::vector<std::map<int, Score>> scores;
  for (int i : instances) {
    auto own = ws.resources[i].node_scores;
    apply_primary_colocations(ws, c, own);
    scores.push_back(std::move(own));
  }

  for (size_t k = 0; k < instances.size() && !stopped; ++k) {
    const Resource& rsc = ws.resources[instances[k]];
    if (rsc.running_on.size() != 1) continue;
    int node = rsc.running_on.front();
    auto found = scores[k].find(node);
    if (found == scores[k].end() || found->second < 0 || !node_can_run(ws, node)) continue;
    if (per_node[node] >= node_max) continue;
    ++per_node[node];
    placed[k] = true;
    record_assignment(ws, instances[k], node);
  }
  for (size_t k = 0; k < instances.size(); ++k) {
    if (placed[k]) continue;
    std::optional<int> chosen;
    if (!stopped) {
      std::map<int, Score> open;
      for (const auto& [node, score] : scores[k])
        if (per_node[node] < node_max) open[node] = score;
      chosen = choose_node(ws, open, {});
    }
    if (chosen) ++per_node[*chosen];
    record_assignment(ws, instances[k], chosen);
  }
}

}  // namespace pacer::pengine
