// Allowed nodes: defaults, location constraints, stickiness and fail-count bans (see the header
// for the rules, which follow Pacemaker 2.1.5 so that `-s` prints the same numbers).
#include "pengine/node_scores.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "pengine/promotion.h"
#include "pengine/rules.h"

namespace pacer::pengine {
namespace {

void add_one(std::map<int, Score>& scores, int node, Score score) {
  auto [it, inserted] = scores.emplace(node, score);
  if (!inserted) it->second = add_scores(it->second, score);
}

// A constraint's scores on `r`: a group passes them in full to its first member only (the others
// just gain the nodes, at 0), a clone to every instance.
void apply_location(WorkingSet& ws, int r, int node, Score score) {
  Resource& rsc = ws.resources[r];
  add_one(rsc.node_scores, node, score);
  if (rsc.kind == ResourceKind::kGroup) {
    bool first = true;
    for (int m : rsc.children) {
      apply_location(ws, m, node, first ? score : 0);
      first = false;
    }
  } else if (rsc.kind == ResourceKind::kClone) {
    for (int i : rsc.children) apply_location(ws, i, node, score);
  }
}

bool in_clone(const WorkingSet& ws, const Resource& rsc) {
  return rsc.parent && ws.resources[*rsc.parent].kind == ResourceKind::kClone;
}

}  // namespace

bool node_can_run(const WorkingSet& ws, int node) {
  const Node& n = ws.nodes[node];
  return n.online && !n.unclean && !n.standby && !n.shutdown;
}

namespace {

// "<prefix><rsc>" (1.0) or "<prefix><rsc>#<op>_<interval>" (2.x), as fail-count-/last-failure-.
bool is_attribute_of(std::string_view key, std::string_view prefix, std::string_view base, bool legacy) {
  if (!key.starts_with(prefix)) return false;
  key.remove_prefix(prefix.size());
  if (!key.starts_with(base)) return false;
  key.remove_prefix(base.size());
  // An anonymous instance's number is not part of the name that counts.
  if (key.starts_with(":")) {
    size_t digits = 1;
    while (digits < key.size() && std::isdigit(static_cast<unsigned char>(key[digits]))) ++digits;
    if (digits == 1) return false;
    key.remove_prefix(digits);
  }
  if (legacy) return key.empty();
  // "#<op>_<interval>": at least one character of operation, digits after the last '_'.
  if (!key.starts_with("#")) return false;
  size_t underscore = key.rfind('_');
  if (underscore == std::string_view::npos || underscore < 2 || underscore + 1 == key.size()) return false;
  for (char c : key.substr(underscore + 1))
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

bool is_fail_count_of(std::string_view key, std::string_view base, bool legacy) {
  return is_attribute_of(key, "fail-count-", base, legacy);
}

Score raw_fail_count(const WorkingSet& ws, const Resource& rsc, int node) {
  Score total = 0;
  for (const auto& [key, value] : ws.nodes[node].attributes) {
    if (!is_fail_count_of(key, rsc.base_id, ws.options.legacy_fail_counts)) continue;
    auto parsed = parse_score(value);
    if (parsed) total = add_scores(total, *parsed);
  }
  return total;
}

bool failures_expired(const WorkingSet& ws, const Resource& rsc, int node) {
  if (rsc.failure_timeout_s <= 0 || ws.options.now <= 0) return false;
  long long last = 0;
  for (const auto& [key, value] : ws.nodes[node].attributes) {
    if (!is_attribute_of(key, "last-failure-", rsc.base_id, ws.options.legacy_fail_counts)) continue;
    long long when = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), when);
    if (ec == std::errc() && end == value.data() + value.size()) last = std::max(last, when);
  }
  return last > 0 && ws.options.now >= last + rsc.failure_timeout_s;
}

Score fail_count(const WorkingSet& ws, const Resource& rsc, int node) {
  return failures_expired(ws, rsc, node) ? 0 : raw_fail_count(ws, rsc, node);
}

void add_location(WorkingSet& ws, int r, int node, Score score) {
  for (int child : ws.resources[r].children) add_location(ws, child, node, score);
  add_one(ws.resources[r].node_scores, node, score);
}

void compute_node_scores(WorkingSet& ws) {
  const int node_count = static_cast<int>(ws.nodes.size());
  std::set<int> templates;
  for (const Resource& rsc : ws.resources)
    if (rsc.clone_template) templates.insert(*rsc.clone_template);
  for (int r = 0; r < static_cast<int>(ws.resources.size()); ++r) {
    if (templates.count(r) || !ws.options.symmetric_cluster) continue;
    for (int n = 0; n < node_count; ++n) ws.resources[r].node_scores[n] = 0;
  }
  for (const Location& location : ws.locations) {
    // A location for the Master role decides promotion, not placement (promotion.cpp).
    if (location.master_role) continue;
    if (location.node) {
      apply_location(ws, location.rsc, *location.node, location.score);
      continue;
    }
    // Each rule is a constraint of its own: the nodes it matches get its score.
    for (const Rule& rule : location.rules)
      for (int n = 0; n < node_count && rule.role != "Master"; ++n)
        if (evaluate_rule(rule, ws.nodes[n].attributes))
          apply_location(ws, location.rsc, n, rule_score(rule, ws.nodes[n].attributes));
  }
  add_promotion_scores(ws);
  for (int r = 0; r < static_cast<int>(ws.resources.size()); ++r)
    if (ws.resources[r].stopped_by_failure)
      for (int n = 0; n < node_count; ++n) add_location(ws, r, n, -kInfinity);
  for (int n = 0; n < node_count; ++n) {
    for (int p : ws.primitives_in_order()) {
      Resource& rsc = ws.resources[p];
      // What may not be acted on (unmanaged, or blocked by on-fail=block) is pinned where it runs.
      if ((!rsc.managed || rsc.blocked) &&
          std::find(rsc.running_on.begin(), rsc.running_on.end(), n) != rsc.running_on.end())
        add_location(ws, p, n, kInfinity);
      if (rsc.managed && rsc.stickiness != 0 && rsc.running_on.size() == 1 &&
          rsc.running_on.front() == n &&
          (rsc.node_scores.count(n) || ws.options.symmetric_cluster))
        add_location(ws, p, n, rsc.stickiness);
      if (rsc.migration_threshold > 0 && fail_count(ws, rsc, n) >= rsc.migration_threshold)
        // An anonymous clone's instances are interchangeable: the ban is the clone's.
        add_location(ws, in_clone(ws, rsc) ? *rsc.parent : p, n, -kInfinity);
    }
  }
}

}  // namespace pacer::pengine
