// Unpacking <resources>: primitives, groups, anonymous clones and master/slave resources (a clone
// whose instances can be promoted), with their meta attributes (own over inherited over
// rsc_defaults) and operations.
#include <algorithm>
#include <cstdint>
#include <string>

#include "pengine/nvpairs.h"

#include "pengine/unpack.h"

namespace pacer::pengine {
namespace {

Result<OnFail> parse_on_fail(std::string_view text) {
  if (text == "ignore") return OnFail::kIgnore;
  if (text == "block") return OnFail::kBlock;
  if (text == "restart") return OnFail::kRestart;
  if (text == "stop") return OnFail::kStop;
  if (text == "fence") return OnFail::kFence;
  if (text == "standby") return OnFail::kStandby;
  return Status::error(fmt::format("unknown on-fail '{}'", text));
}

Status read_operations(XmlNode primitive, Resource& rsc) {
  auto operations = primitive.first_child("operations");
  if (!operations) return Status::ok();
  for (XmlNode op : operations->children("op")) {
    OperationSpec spec;
    auto name = op.attribute("name");
    if (!name) return Status::error(describe(op) + ": an op needs a name");
    spec.name = *name;
    spec.role = op.attribute("role").value_or("");
    if (!spec.role.empty() && spec.role != "Master" && spec.role != "Slave" && spec.role != "Started" &&
        spec.role != "Stopped")
      return Status::error(describe(op) + ": unknown role '" + spec.role + "'");
    if (spec.role == "Started") spec.role.clear();
    if (spec.role == "Stopped")
      return Status::error(describe(op) + ": monitors with role Stopped are not supported yet");
    auto interval = parse_interval_ms(op.attribute("interval").value_or("0"));
    if (!interval) return interval.status().with_context(describe(op));
    spec.interval_ms = *interval;
    if (auto timeout = op.attribute("timeout")) {
      auto ms = parse_interval_ms(*timeout);
      if (!ms) return ms.status().with_context(describe(op));
      spec.timeout_ms = *ms;
    }
    if (auto on_fail = op.attribute("on-fail")) {
      auto parsed = parse_on_fail(*on_fail);
      if (!parsed) return parsed.status().with_context(describe(op));
      spec.on_fail = *parsed;
    }
    rsc.operations.push_back(std::move(spec));
  }
  return Status::ok();
}

int add_resource(WorkingSet& ws, Resource rsc) {
  ws.resources.push_back(std::move(rsc));
  return static_cast<int>(ws.resources.size()) - 1;
}

Result<int> unpack_one(XmlNode element, std::optional<int> parent, WorkingSet& ws);

Result<int> unpack_primitive(XmlNode element, std::optional<int> parent, WorkingSet& ws) {
  Resource rsc;
  rsc.kind = ResourceKind::kPrimitive;
  rsc.rclass = element.attribute("class").value_or("");
  rsc.provider = element.attribute("provider").value_or("");
  rsc.type = element.attribute("type").value_or("");
  if (rsc.rclass.empty() || rsc.type.empty())
    return Status::error(describe(element) + ": a primitive needs class and type");
  if (rsc.rclass == "ocf" && rsc.provider.empty())
    return Status::error(describe(element) + ": an ocf primitive needs a provider");
  Status s = read_operations(element, rsc);
  if (s) s = read_nvpair_sets(element, "instance_attributes", rsc.params);
  if (!s) return s;
  rsc.parent = parent;
  return add_resource(ws, std::move(rsc));
}

Result<int> unpack_group(XmlNode element, std::optional<int> parent, WorkingSet& ws) {
  Resource group;
  group.kind = ResourceKind::kGroup;
  group.parent = parent;
  int index = add_resource(ws, std::move(group));
  for (XmlNode child : element.children()) {
    if (child.name() == "meta_attributes" || child.name() == "instance_attributes") continue;
    if (child.name() != "primitive")
      return Status::error(describe(child) + ": a group holds primitives only");
    auto member = unpack_one(child, index, ws);
    if (!member) return member.status();
    ws.resources[index].children.push_back(*member);
  }
  if (ws.resources[index].children.empty())
    return Status::error(describe(element) + ": an empty group");
  return index;
}

Result<int> unpack_clone(XmlNode element, std::optional<int> parent, WorkingSet& ws) {
  Resource clone;
  clone.kind = ResourceKind::kClone;
  clone.parent = parent;
  int index = add_resource(ws, std::move(clone));
  auto primitive = element.first_child("primitive");
  if (!primitive) {
    if (element.first_child("group"))
      return Status::error(describe(element) + ": clones of groups are not supported yet");
    return Status::error(describe(element) + ": a clone needs a primitive");
  }
  auto tmpl = unpack_one(*primitive, index, ws);
  if (!tmpl) return tmpl.status();
  ws.resources[index].clone_template = *tmpl;
  return index;
}

Result<int> unpack_one(XmlNode element, std::optional<int> parent, WorkingSet& ws) {
  auto id = element.attribute("id");
  if (!id || id->empty()) return Status::error(describe(element) + ": a resource needs an id");
  if (ws.find_resource(*id)) return Status::error(describe(element) + ": duplicate resource id");
  Result<int> index = Status::error("");
  std::string_view kind = element.name();
  if (kind == "primitive") index = unpack_primitive(element, parent, ws);
  else if (kind == "group") index = unpack_group(element, parent, ws);
  else if (kind == "clone") index = unpack_clone(element, parent, ws);
  else if (kind == "master") {
    index = unpack_clone(element, parent, ws);
    if (index) ws.resources[*index].promotable = true;
  }
  else return Status::error(describe(element) + ": unknown resource element");
  if (!index) return index;
  Resource& rsc = ws.resources[*index];
  rsc.id = *id;
  rsc.base_id = *id;
  Status s = read_nvpair_sets(element, "meta_attributes", rsc.meta);
  if (!s) return s;
  return index;
}

// Effective meta attributes: own, then each ancestor's, then rsc_defaults (first wins).
Attributes effective_meta(const WorkingSet& ws, int r) {
  Attributes meta;
  for (std::optional<int> at = r; at; at = ws.resources[*at].parent)
    for (const auto& [k, v] : ws.resources[*at].meta) meta.emplace(k, v);
  for (const auto& [k, v] : ws.rsc_defaults) meta.emplace(k, v);
  return meta;
}

Status apply_meta(WorkingSet& ws, int r) {
  Attributes meta = effective_meta(ws, r);
  Resource& rsc = ws.resources[r];
  auto number = [&](std::string_view name) -> Result<std::optional<Score>> {
    auto found = meta.find(name);
    if (found == meta.end()) return std::optional<Score>{};
    auto parsed = parse_score(found->second);
    if (!parsed)
      return parsed.status().with_context(fmt::format("resource {}: meta {}", rsc.id, name));
    return std::optional<Score>(*parsed);
  };
  auto stickiness = number("resource-stickiness");
  if (!stickiness) return stickiness.status();
  bool in_clone = rsc.parent && ws.resources[*rsc.parent].kind == ResourceKind::kClone;
  // A clone's instances stick to their nodes by 1 unless told otherwise, so that clones do
  // not shuffle instances around for no gain.
  rsc.stickiness = stickiness->value_or(in_clone || rsc.kind == ResourceKind::kClone ? 1 : 0);
  auto priority = number("priority");
  if (!priority) return priority.status();
  rsc.priority = priority->value_or(0);
  auto threshold = number("migration-threshold");
  if (!threshold) return threshold.status();
  rsc.migration_threshold = threshold->value_or(kInfinity);
  if (auto v = meta.find("failure-timeout"); v != meta.end()) {
    // As in the reference, a value it cannot read leaves failures never expiring, and the
    // milliseconds are held in 32 bits: anything from about 49.7 days wraps around.
    auto ms = parse_interval_ms(v->second);
    rsc.failure_timeout_s = ms ? static_cast<long long>(static_cast<std::uint32_t>(*ms)) / 1000 : 0;
  }
  if (auto v = meta.find("is-managed"); v != meta.end()) rsc.managed = is_true(v->second);
  if (auto v = meta.find("target-role"); v != meta.end())
    rsc.target_stopped = v->second == "Stopped" || v->second == "stopped";
  auto clone_max = number("clone-max");
  if (!clone_max) return clone_max.status();
  if (*clone_max) rsc.clone_max = **clone_max;
  auto node_max = number("clone-node-max");
  if (!node_max) return node_max.status();
  // Anonymous clones (the only kind so far) run one instance per node: the reference ignores
  // a larger clone-node-max for them.
  if (*node_max) rsc.clone_node_max = std::min<Score>(**node_max, 1);
  // 1.0 names them master-max/master-node-max, 2.x promoted-max/promoted-node-max.
  for (auto [name, target] : {std::pair{"master-max", &rsc.master_max}, {"promoted-max", &rsc.master_max},
                              {"master-node-max", &rsc.master_node_max},
                              {"promoted-node-max", &rsc.master_node_max}}) {
    auto value = number(name);
    if (!value) return value.status();
    if (*value) *target = **value;
  }
  return Status::ok();
}

// Instances :0..:n-1 of each clone, copies of its configured primitive.
void expand_clones(WorkingSet& ws) {
  for (int c : std::vector<int>(ws.top_level)) {
    if (ws.resources[c].kind != ResourceKind::kClone) continue;
    int count = ws.resources[c].clone_max >= 0 ? ws.resources[c].clone_max
                                               : static_cast<int>(ws.nodes.size());
    ws.resources[c].clone_max = count;  // from here on the effective number
    int tmpl = *ws.resources[c].clone_template;
    for (int i = 0; i < count; ++i) {
      Resource instance = ws.resources[tmpl];
      instance.id = fmt::format("{}:{}", instance.base_id, i);
      instance.parent = c;
      ws.resources.push_back(std::move(instance));
      ws.resources[c].children.push_back(static_cast<int>(ws.resources.size()) - 1);
    }
  }
}

}  // namespace

Status unpack_resources(XmlNode configuration, WorkingSet& ws) {
  auto resources = configuration.first_child("resources");
  if (!resources) return Status::error(describe(configuration) + ": no <resources>");
  for (XmlNode element : resources->children()) {
    auto index = unpack_one(element, std::nullopt, ws);
    if (!index) return index.status();
    ws.top_level.push_back(*index);
  }
  for (int r = 0; r < static_cast<int>(ws.resources.size()); ++r) {
    Status s = apply_meta(ws, r);
    if (!s) return s;
  }
  expand_clones(ws);
  return Status::ok();
}

}  // namespace pacer::pengine
