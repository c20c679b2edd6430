// Assignment of primitives and groups, node choice, and the top-level order (see assignment.h).
#include "pengine/assignment.h"

#include <algorithm>

#include "pengine/node_scores.h"

namespace pacer::pengine {
namespace {

int variant_rank(const Resource& rsc) {
  switch (rsc.kind) {
    case ResourceKind::kPrimitive: return 0;
    case ResourceKind::kGroup: return 1;
    case ResourceKind::kClone: return 2;
  }
  return 0;
}

// The order colocations are considered in: by the other resource's priority, clones before
// groups before primitives, then by id.
bool before(const Resource& a, const Resource& b) {
  if (a.priority != b.priority) return a.priority > b.priority;
  if (variant_rank(a) != variant_rank(b)) return variant_rank(a) > variant_rank(b);
  return a.id < b.id;
}

void insert_sorted(std::vector<int>& list, int c, const std::vector<Colocation>& all,
                   const std::vector<Resource>& resources, bool by_primary) {
  auto other = [&](int k) -> const Resource& {
    return resources[by_primary ? all[k].with_rsc : all[k].rsc];
  };
  auto at = std::find_if(list.begin(), list.end(),
                         [&](int k) { return before(other(c), other(k)); });
  list.insert(at, c);
}

}  // namespace

Assigner::Assigner(WorkingSet& ws)
    : ws_(ws),
      with_primaries_(ws.resources.size()),
      with_dependents_(ws.resources.size()),
      merging_(ws.resources.size(), 0),
      instances_on_(ws.resources.size()) {
  for (const Resource& rsc : ws.resources)
    if (rsc.kind == ResourceKind::kPrimitive && rsc.rclass == "stonith") has_fence_device_ = true;
  // A group's members are colocated, each with the one before it.
  for (const Resource& group : std::vector<Resource>(ws.resources)) {
    if (group.kind != ResourceKind::kGroup) continue;
    for (size_t i = 1; i < group.children.size(); ++i) {
      Colocation internal;
      internal.id = "group:internal_colocation";
      internal.rsc = group.children[i];
      internal.with_rsc = group.children[i - 1];
      internal.score = kInfinity;
      ws.colocations.push_back(internal);
    }
  }
  for (int k = 0; k < static_cast<int>(ws.colocations.size()); ++k) {
    const Colocation& c = ws.colocations[k];
    insert_sorted(with_primaries_[c.rsc], k, ws.colocations, ws.resources, true);
    insert_sorted(with_dependents_[c.with_rsc], k, ws.colocations, ws.resources, false);
  }
}

void Assigner::run() {
  std::vector<int> order = ws_.top_level;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return ws_.resources[a].priority > ws_.resources[b].priority;
  });
  // Quorum does not change where things would go; it decides which starts may run (actions).
  for (int r : order) assign(r);
}

std::optional<int> Assigner::assign(int r, std::optional<int> prefer) {
  switch (ws_.resources[r].kind) {
    case ResourceKind::kPrimitive: return assign_primitive(r, prefer);
    case ResourceKind::kGroup: return assign_group(r);
    case ResourceKind::kClone: assign_clone(r); return std::nullopt;
  }
  return std::nullopt;
}

void Assigner::show_scores(std::string_view function, int r) {
  const Resource& rsc = ws_.resources[r];
  if (rsc.orphan) return;  // the reference shows no scores for orphans
  std::vector<std::pair<std::string, Score>> lines;
  for (const auto& [node, score] : rsc.node_scores) lines.emplace_back(ws_.nodes[node].uname, score);
  std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [uname, score] : lines)
    ws_.score_lines.push_back(fmt::format("{}: {} allocation score on {}: {}", function, rsc.id,
                                          uname, format_score(score)));
  for (int child : rsc.children) show_scores(function, child);
}

std::optional<int> Assigner::assign_group(int g) {
  Resource& group = ws_.resources[g];
  if (group.assignment_done) return group.assigned;
  if (group.assignment_in_progress || group.children.empty()) return std::nullopt;
  group.assignment_in_progress = true;
  // The group's own colocations act through its members: as a dependent through the first (which
  // the rest follow), as a primary through the last (which is placed once all are).
  int first = group.children.front(), last = group.children.back();
  auto& firsts = with_primaries_[first];
  firsts.insert(firsts.end(), with_primaries_[g].begin(), with_primaries_[g].end());
  with_primaries_[g].clear();
  auto& lasts = with_dependents_[last];
  lasts.insert(lasts.end(), with_dependents_[g].begin(), with_dependents_[g].end());
  with_dependents_[g].clear();
  show_scores("pcmk__group_assign", g);
  std::optional<int> node;
  for (int member : std::vector<int>(ws_.resources[g].children)) {
    auto chosen = assign(member);
    if (!node) node = chosen;
  }
  Resource& done = ws_.resources[g];
  done.assigned = node;
  done.assignment_done = true;
  done.assignment_in_progress = false;
  return node;
}

std::optional<int> Assigner::assign_primitive(int p, std::optional<int> prefer) {
  if (ws_.resources[p].assignment_done) return ws_.resources[p].assigned;
  if (ws_.resources[p].assignment_in_progress) return std::nullopt;  // a colocation loop ends here
  ws_.resources[p].assignment_in_progress = true;

  for (int k : std::vector<int>(with_primaries_[p])) {
    const Colocation c = ws_.colocations[k];
    // A finite anti-colocation is a wish: dropped when it would leave nowhere to run.
    std::optional<NodeScores> archive;
    if (c.score < 0 && c.score > -kInfinity) archive = ws_.resources[p].node_scores;
    assign(c.with_rsc);
    colocate_with_primary(p, c);
    if (archive && !can_run_any(ws_.resources[p].node_scores)) ws_.resources[p].node_scores = *archive;
  }
  for (int k : std::vector<int>(with_dependents_[p])) {
    const Colocation c = ws_.colocations[k];
    ws_.resources[p].node_scores =
        merge_weights(c.rsc, ws_.resources[p].node_scores, c.node_attribute,
                      static_cast<float>(c.score) / kInfinity, true, false);
  }

  Resource& rsc = ws_.resources[p];
  if (rsc.target_stopped)
    for (int n = 0; n < static_cast<int>(ws_.nodes.size()); ++n) add_location(ws_, p, n, -kInfinity);
  show_scores("pcmk__primitive_assign", p);

  // With fencing required but no device to do it, nothing may be started or stopped.
  if (ws_.options.stonith_enabled && !has_fence_device_) ws_.resources[p].frozen = true;
  if (!ws_.resources[p].managed || ws_.resources[p].frozen || ws_.resources[p].blocked) {
    // An unmanaged (or on-fail=block) resource stays where it is; the scheduler only watches it.
    const auto& running = ws_.resources[p].running_on;
    record(p, running.empty() ? std::nullopt : std::optional<int>(running.front()));
  } else {
    choose_node(p, prefer);
  }
  ws_.resources[p].assignment_in_progress = false;
  return ws_.resources[p].assigned;
}

bool Assigner::choose_node(int p, std::optional<int> prefer) {
  const Resource& rsc = ws_.resources[p];
  std::vector<std::pair<int, Score>> nodes(rsc.node_scores.begin(), rsc.node_scores.end());
  if (nodes.empty()) {
    record(p, std::nullopt);
    return false;
  }
  std::optional<int> current;
  if (!rsc.running_on.empty()) current = rsc.running_on.front();
  auto effective = [&](const std::pair<int, Score>& n) {
    return node_can_run(ws_, n.first) ? n.second : -kInfinity;
  };
  std::stable_sort(nodes.begin(), nodes.end(), [&](const auto& a, const auto& b) {
    Score wa = effective(a), wb = effective(b);
    if (wa != wb) return wa > wb;
    int ca = ws_.nodes[a.first].assigned_count, cb = ws_.nodes[b.first].assigned_count;
    if (ca != cb) return ca < cb;
    if (current && (a.first == *current) != (b.first == *current)) return a.first == *current;
    return ws_.nodes[a.first].uname < ws_.nodes[b.first].uname;
  });
  const auto& best = nodes.front();
  std::optional<std::pair<int, Score>> chosen;
  if (prefer) {
    auto found = rsc.node_scores.find(*prefer);
    if (found != rsc.node_scores.end() && found->second >= best.second && node_can_run(ws_, *prefer))
      chosen = *found;
  }
  if (!chosen) {
    chosen = best;
    // Among equally good nodes, stay where it runs.
    if (chosen->second > 0 && node_can_run(ws_, chosen->first) && current && node_can_run(ws_, *current))
      for (size_t i = 1; i < nodes.size() && nodes[i].second == best.second; ++i)
        if (nodes[i].first == *current) chosen = nodes[i];
  }
  if (!node_can_run(ws_, chosen->first) || chosen->second < 0) {
    record(p, std::nullopt);
    return false;
  }
  record(p, chosen->first);
  return true;
}

void Assigner::record(int p, std::optional<int> node) {
  Resource& rsc = ws_.resources[p];
  rsc.assigned = node;
  rsc.assignment_done = true;
  if (node) ++ws_.nodes[*node].assigned_count;
}

void Assigner::unassign(int p) {
  Resource& rsc = ws_.resources[p];
  if (rsc.assigned) --ws_.nodes[*rsc.assigned].assigned_count;
  rsc.assigned.reset();
  rsc.assignment_done = false;
}

void assign_resources(WorkingSet& ws) { Assigner(ws).run(); }

}  // namespace pacer::pengine
