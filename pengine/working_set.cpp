// Look-ups over the WorkingSet's vectors.
#include "pengine/working_set.h"

#include <algorithm>

#include "pengine/nvpairs.h"

namespace pacer::pengine {

std::optional<int> WorkingSet::find_node(std::string_view uname) const {
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].uname == uname) return static_cast<int>(i);
  return std::nullopt;
}

std::optional<int> WorkingSet::find_node_by_id(std::string_view id) const {
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == id) return static_cast<int>(i);
  return std::nullopt;
}

std::optional<int> WorkingSet::find_resource(std::string_view id) const {
  for (size_t i = 0; i < resources.size(); ++i)
    if (resources[i].id == id) return static_cast<int>(i);
  return std::nullopt;
}

std::vector<int> WorkingSet::primitives_in_order() const {
  std::vector<int> out;
  auto visit = [&](auto&& self, int r) -> void {
    if (resources[r].kind == ResourceKind::kPrimitive) {
      out.push_back(r);
      return;
    }
    for (int child : resources[r].children) self(self, child);
  };
  for (int r : top_level) visit(visit, r);
  return out;
}

std::vector<int> WorkingSet::primitives_by_priority() const {
  std::vector<int> order = top_level;
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return resources[a].priority > resources[b].priority; });
  std::vector<int> out;
  auto visit = [&](auto&& self, int r) -> void {
    if (resources[r].kind == ResourceKind::kPrimitive) {
      out.push_back(r);
      return;
    }
    for (int child : resources[r].children) self(self, child);
  };
  for (int r : order) visit(visit, r);
  return out;
}

long long WorkingSet::operation_timeout_ms(const Resource& rsc, std::string_view task,
                                           long long interval_ms) const {
  for (const auto& op : rsc.operations)
    if (op.name == task && op.interval_ms == interval_ms && op.timeout_ms) return *op.timeout_ms;
  if (auto found = op_defaults.find("timeout"); found != op_defaults.end())
    if (auto ms = parse_interval_ms(found->second)) return *ms;
  return 20000;
}

}  // namespace pacer::pengine
