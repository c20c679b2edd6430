// Building a ClusterView: cluster options, nodes and their membership, the configured resources.
// The operation history is replayed in resource_history.cpp.
#include "tools/cluster_view.h"

#include <algorithm>

#include <fmt/format.h>

#include "tools/resource_history.h"

namespace pacer::tools {

std::string OpRecord::key() const { return fmt::format("{}_{}_{}", rsc, task, interval_ms); }

bool OpRecord::failed() const {
  if (op_status == 1 || op_status == -1) return false;  // cancelled, pending
  if (op_status != 0) return true;                      // timed out, not supported, error
  if (rc == expected_rc) return false;
  bool probe = task == "monitor" && interval_ms == 0;
  return !(probe && rc == 7);
}

std::string ResourceView::agent() const {
  if (rclass == "ocf") return fmt::format("{}::{}:{}", rclass, provider, type);
  return fmt::format("{}:{}", rclass, type);
}

bool ResourceView::active() const {
  if (kind == ResourceKind::primitive) return !nodes.empty();
  return std::any_of(children.begin(), children.end(), [](auto& c) { return c.active(); });
}

bool ResourceView::all_active() const {
  if (kind == ResourceKind::primitive) return !nodes.empty();
  return std::all_of(children.begin(), children.end(), [](auto& c) { return c.all_active(); });
}

bool ResourceView::any_failed() const {
  if (failed) return true;
  return std::any_of(children.begin(), children.end(), [](auto& c) { return c.any_failed(); });
}

bool ResourceView::any_unmanaged() const {
  if (!managed) return true;
  return std::any_of(children.begin(), children.end(), [](auto& c) { return c.any_unmanaged(); });
}

const NodeView* ClusterView::find_node(std::string_view uname) const {
  for (auto& n : nodes)
    if (n.uname == uname) return &n;
  return nullptr;
}

int ClusterView::configured_count() const {
  return static_cast<int>(
      std::count_if(resources.begin(), resources.end(), [](auto& r) { return !r.orphan; }));
}

std::string ClusterView::migration_threshold(const ResourceView& rsc) const {
  if (auto it = rsc.meta.find("migration-threshold"); it != rsc.meta.end()) return it->second;
  if (auto it = rsc_defaults.find("migration-threshold"); it != rsc_defaults.end())
    return it->second;
  return "0";
}

std::vector<FailCountView> ClusterView::fail_counts(const NodeView& node) const {
  std::vector<FailCountView> out;
  auto entry = [&out](const std::string& rsc) -> FailCountView& {
    for (auto& f : out)
      if (f.rsc == rsc) return f;
    out.push_back({rsc, 0, std::nullopt});
    return out.back();
  };
  for (auto& [name, value] : node.attributes) {
    if (name.starts_with("fail-count-")) {
      int count = 0;
      if (value == "INFINITY" || value == "+INFINITY") count = 1000000;
      else count = std::atoi(value.c_str());
      entry(name.substr(11)).count = count;
    } else if (name.starts_with("last-failure-")) {
      entry(name.substr(13)).last_failure = std::atoll(value.c_str());
    }
  }
  return out;
}

namespace {

void collect_primitives(const ResourceView& rsc, std::vector<const ResourceView*>& out) {
  if (rsc.kind == ResourceKind::primitive) out.push_back(&rsc);
  for (auto& c : rsc.children) collect_primitives(c, out);
}

}  // namespace

std::vector<const ResourceView*> ClusterView::primitives() const {
  std::vector<const ResourceView*> out;
  for (auto& r : resources) collect_primitives(r, out);
  return out;
}

namespace {

bool is_true(std::string_view v) {
  return v == "true" || v == "on" || v == "yes" || v == "y" || v == "1";
}

// Every nvpair of every `set_name` set directly under `element` (rules are not evaluated).
std::map<std::string, std::string> nvpairs(XmlNode element, std::string_view set_name) {
  std::map<std::string, std::string> out;
  for (XmlNode set : element.children(set_name))
    for (XmlNode pair : set.children("nvpair"))
      if (auto name = pair.attribute("name")) out[*name] = pair.attribute("value").value_or("");
  return out;
}

Result<ResourceView> parse_resource(XmlNode element) {
  ResourceView rsc;
  auto id = element.attribute("id");
  if (!id) return Status::error(fmt::format("line {}: <{}> without an id", element.line(),
                                            element.name()));
  rsc.id = *id;
  rsc.meta = nvpairs(element, "meta_attributes");
  rsc.params = nvpairs(element, "instance_attributes");
  if (auto m = rsc.meta.find("is-managed"); m != rsc.meta.end()) rsc.managed = is_true(m->second);
  std::string_view name = element.name();
  if (name == "primitive") {
    rsc.kind = ResourceKind::primitive;
    rsc.rclass = element.attribute("class").value_or("");
    rsc.provider = element.attribute("provider").value_or("");
    rsc.type = element.attribute("type").value_or("");
    if (auto ops = element.first_child("operations")) {
      for (XmlNode op : ops->children("op")) {
        auto on_fail = op.attribute("on-fail");
        auto interval = parse_interval_ms(op.attribute("interval").value_or("0"));
        if (on_fail && interval)
          rsc.on_fail[fmt::format("{}_{}", op.attribute("name").value_or(""), *interval)] = *on_fail;
      }
    }
    return rsc;
  }
  if (name == "group") rsc.kind = ResourceKind::group;
  else if (name == "clone") rsc.kind = ResourceKind::clone;
  else if (name == "master") rsc.kind = ResourceKind::master;
  else return Status::error(fmt::format("line {}: unknown resource <{}>", element.line(), name));
  if (auto u = rsc.meta.find("globally-unique"); u != rsc.meta.end()) rsc.unique = is_true(u->second);
  for (XmlNode child : element.children()) {
    std::string_view cn = child.name();
    if (cn != "primitive" && cn != "group") continue;
    auto parsed = parse_resource(child);
    if (!parsed) return parsed.status();
    if (!rsc.managed) parsed->managed = false;
    rsc.children.push_back(std::move(*parsed));
  }
  return rsc;
}

// Heartbeat-era membership, as 1.0 read a node_state: in the membership (in_ccm), the
// controller up (crmd), joined (join). A node that vanished while expected is unclean when
// fencing is on: it must be shot before its resources count as stopped.
void read_membership(XmlNode state, bool stonith_enabled, NodeView& node) {
  auto flag = [&](std::string_view name, std::string_view fallback) {
    return state.attribute(name).value_or(std::string(fallback));
  };
  bool in_ccm = is_true(flag("in_ccm", "false"));
  if (flag("ha", "active") == "dead") in_ccm = false;
  std::string crmd = flag("crmd", "offline");
  bool crmd_online = crmd == "online" || is_true(crmd);
  std::string join = flag("join", "down");
  std::string expected = flag("expected", "down");
  node.has_state = true;
  if (in_ccm && crmd_online && join == "member") {
    node.online = true;
    return;
  }
  if (!in_ccm) {
    if (stonith_enabled && (crmd_online || expected == "member")) node.unclean = true;
    return;
  }
  if (!crmd_online) {
    if (stonith_enabled && expected == "member") {
      node.online = true;
      node.unclean = true;
    }
    return;
  }
  node.pending = true;
}

}  // namespace

Result<ClusterView> build_cluster_view(const XmlDocument& cib) {
  ClusterView view;
  XmlNode root = cib.root();
  if (root.name() != "cib") return Status::error("not a CIB: the root element is not <cib>");
  auto configuration = root.first_child("configuration");
  if (!configuration) return Status::error("the CIB has no <configuration>");
  view.have_quorum = is_true(root.attribute("have-quorum").value_or("0"));

  std::map<std::string, std::string> options;
  if (auto crm_config = configuration->first_child("crm_config"))
    options = nvpairs(*crm_config, "cluster_property_set");
  if (auto it = options.find("cluster-infrastructure"); it != options.end()) view.stack = it->second;
  if (auto it = options.find("expected-quorum-votes"); it != options.end())
    view.expected_votes = it->second;
  if (auto it = options.find("stonith-enabled"); it != options.end())
    view.stonith_enabled = is_true(it->second);
  if (auto defaults = configuration->first_child("rsc_defaults"))
    view.rsc_defaults = nvpairs(*defaults, "meta_attributes");

  if (auto nodes = configuration->first_child("nodes")) {
    for (XmlNode n : nodes->children("node")) {
      NodeView node;
      node.id = n.attribute("id").value_or("");
      node.uname = n.attribute("uname").value_or(node.id);
      auto attrs = nvpairs(n, "instance_attributes");
      if (auto s = attrs.find("standby"); s != attrs.end()) node.standby = is_true(s->second);
      view.nodes.push_back(std::move(node));
    }
  }
  if (auto dc = root.attribute("dc-uuid"); dc && !dc->empty()) {
    view.dc_id = *dc;
    for (auto& n : view.nodes)
      if (n.id == *dc) view.dc_uname = n.uname;
    if (!view.dc_uname) view.dc_uname = *dc;
    if (auto it = options.find("dc-version"); it != options.end()) view.dc_version = it->second;
  }

  if (auto resources = configuration->first_child("resources")) {
    for (XmlNode r : resources->children()) {
      auto parsed = parse_resource(r);
      if (!parsed) return parsed.status();
      view.resources.push_back(std::move(*parsed));
    }
  }

  if (auto status = root.first_child("status")) {
    for (XmlNode state : status->children("node_state")) {
      auto id = state.attribute("id").value_or("");
      auto uname = state.attribute("uname").value_or(id);
      NodeView* node = nullptr;
      for (auto& n : view.nodes)
        if (n.id == id || n.uname == uname) node = &n;
      if (!node) continue;  // no longer configured
      view.status_order.push_back(node->uname);
      read_membership(state, view.stonith_enabled, *node);
      if (auto transient = state.first_child("transient_attributes")) {
        node->attributes = nvpairs(*transient, "instance_attributes");
        if (auto s = node->attributes.find("standby"); s != node->attributes.end())
          node->standby = is_true(s->second);
      }
    }
    Status s = replay_history(*status, view);
    if (!s) return s;
  } else {
    Status s = replay_history(std::nullopt, view);
    if (!s) return s;
  }
  return view;
}

std::optional<long long> parse_interval_ms(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 15) return std::nullopt;
  long long value = std::stoll(std::string(text.substr(0, digits)));
  std::string_view unit = text.substr(digits);
  if (unit.empty() || unit == "s" || unit == "sec") return value * 1000;
  if (unit == "ms" || unit == "msec") return value;
  if (unit == "m" || unit == "min") return value * 60000;
  if (unit == "h" || unit == "hr") return value * 3600000;
  return std::nullopt;
}

std::string op_status_text(int op_status) {
  switch (op_status) {
    case -1: return "pending";
    case 0: return "complete";
    case 1: return "Cancelled";
    case 2: return "Timed Out";
    case 3: return "NOT SUPPORTED";
    case 4: return "Error";
  }
  return "<unknown>";
}

std::string rc_text(int rc) {
  switch (rc) {
    case -2: return "unknown exec error";
    case -1: return "no RA";
    case 0: return "ok";
    case 1: return "unknown error";
    case 2: return "invalid parameter";
    case 3: return "unimplemented feature";
    case 4: return "insufficient privileges";
    case 5: return "not installed";
    case 6: return "not configured";
    case 7: return "not running";
    case 8: return "master";
    case 9: return "master (failed)";
    case 11:
    case 12: return "status: daemon dead";
    case 13: return "status: daemon stopped";
    case 14: return "status: unknown";
  }
  return "<unknown>";
}

}  // namespace pacer::tools
