// Replaying <lrm_rsc_op> records with Pacemaker 1.0's rules. Per resource and node the ops are
// taken in call-id order and the last word decides: a successful start makes the resource active,
// a successful stop or a probe saying "not running" makes it inactive, a failure keeps it active
// (it must be stopped to be safe) and marks it failed. What the agent returned (rc) stays apart
// from whether the op ran (op-status), as in the CIB.
#include "tools/resource_history.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace pacer::tools {
namespace {

struct PrimState {
  std::vector<std::string> nodes;
  bool master = false;
  bool failed = false;
};

// Where a configured primitive lives: a top-level resource, and whether it is inside a clone.
struct Location {
  size_t top = 0;
  bool in_clone = false;
  const ResourceView* config = nullptr;
};

int int_attr(XmlNode e, std::string_view name, int fallback) {
  auto v = e.attribute(name);
  if (!v || v->empty()) return fallback;
  try {
    return std::stoi(*v);
  } catch (...) {
    return fallback;
  }
}

// The rc the controller expected: third field of "action:transition:target_rc:uuid".
int expected_rc(XmlNode op) {
  auto key = op.attribute("transition-key");
  if (!key) {
    auto magic = op.attribute("transition-magic");
    if (magic) {
      auto semi = magic->find(';');
      if (semi != std::string::npos) key = magic->substr(semi + 1);
    }
  }
  if (!key) return 0;
  auto first = key->find(':');
  if (first == std::string::npos) return 0;
  auto second = key->find(':', first + 1);
  if (second == std::string::npos) return 0;
  auto third = key->find(':', second + 1);
  try {
    return std::stoi(key->substr(second + 1, third - second - 1));
  } catch (...) {
    return 0;
  }
}

OpRecord read_op(XmlNode op, const std::string& rsc, const std::string& node) {
  OpRecord r;
  r.rsc = rsc;
  r.node = node;
  r.task = op.attribute("operation").value_or("");
  // The status section records intervals in milliseconds, bare (the configuration uses units).
  r.interval_ms = std::atoll(op.attribute("interval").value_or("0").c_str());
  r.call_id = int_attr(op, "call-id", -1);
  r.rc = int_attr(op, "rc-code", 0);
  r.op_status = int_attr(op, "op-status", 0);
  r.expected_rc = expected_rc(op);
  if (auto c = op.attribute("last-rc-change")) r.last_rc_change = std::atoll(c->c_str());
  return r;
}

void collect(const ResourceView& rsc, size_t top, bool in_clone,
             std::map<std::string, Location>& out) {
  if (rsc.kind == ResourceKind::primitive) {
    out[rsc.id] = Location{top, in_clone, &rsc};
    return;
  }
  bool clone = rsc.kind == ResourceKind::clone || rsc.kind == ResourceKind::master;
  for (auto& c : rsc.children) collect(c, top, in_clone || clone, out);
}

std::string strip_instance(const std::string& id, std::optional<int>& instance) {
  auto colon = id.rfind(':');
  if (colon == std::string::npos) return id;
  try {
    size_t used = 0;
    int n = std::stoi(id.substr(colon + 1), &used);
    if (used != id.size() - colon - 1) return id;
    instance = n;
  } catch (...) {
    return id;
  }
  return id.substr(0, colon);
}

struct Outcome {
  bool active = false;
  bool master = false;
  bool failed = false;
  bool fence = false;
  bool standby = false;
};

// The last word of a resource's ops on one node.
Outcome replay(const std::vector<OpRecord>& ops, const ResourceView* config, bool stonith) {
  Outcome o;
  for (const OpRecord& op : ops) {
    if (op.op_status == 1) continue;
    if (op.op_status == -1) {
      if (op.task == "start" || op.task == "promote" || op.task == "migrate_from") o.active = true;
      continue;
    }
    if (!op.failed()) {
      if (op.op_status != 0) continue;
      if (op.task == "stop" || op.task == "migrate_to") {
        o = Outcome{};
      } else if (op.task == "monitor" && op.rc == 7) {
        o.active = false;
        o.master = false;
      } else if (op.task == "start" || op.task == "migrate_from") {
        o.active = true;
        o.failed = false;
      } else if (op.task == "promote" || (op.task == "monitor" && op.rc == 8)) {
        o.active = true;
        o.master = true;
      } else if (op.task == "demote") {
        o.master = false;
      } else if (op.task == "monitor") {
        o.active = true;
      }
      continue;
    }
    std::string on_fail;
    if (config) {
      auto it = config->on_fail.find(fmt::format("{}_{}", op.task, op.interval_ms));
      if (it != config->on_fail.end()) on_fail = it->second;
    }
    if (on_fail == "ignore") continue;
    o.failed = true;
    o.active = true;  // a failed resource counts as active until a stop succeeds
    if (op.rc == 9) o.master = true;
    if (on_fail == "fence" || (on_fail.empty() && op.task == "stop" && stonith)) o.fence = true;
    if (on_fail == "standby") o.standby = true;
  }
  return o;
}

void apply(const Outcome& o, const std::string& node, PrimState& state) {
  if (o.active) state.nodes.push_back(node);
  state.master = state.master || o.master;
  state.failed = state.failed || o.failed;
}

void fill(ResourceView& prim, const PrimState* state, bool in_master) {
  if (!state || state->nodes.empty()) {
    prim.role = "Stopped";
  } else {
    prim.nodes = state->nodes;
    prim.role = state->master ? "Master" : in_master ? "Slave" : "Started";
  }
  prim.failed = state && state->failed;
}

ResourceView instance_of(const ResourceView& tmpl, int n) {
  ResourceView copy = tmpl;
  copy.id = fmt::format("{}:{}", tmpl.id, n);
  for (auto& member : copy.children) member.id = fmt::format("{}:{}", member.id, n);
  return copy;
}

}  // namespace

Status replay_history(std::optional<XmlNode> status, ClusterView& view) {
  std::map<std::string, Location> where;
  for (size_t i = 0; i < view.resources.size(); ++i) collect(view.resources[i], i, false, where);

  std::map<std::string, PrimState> plain;
  // clone top index -> instance -> primitive base id -> state
  std::map<size_t, std::map<int, std::map<std::string, PrimState>>> clones;
  std::map<size_t, std::map<std::string, int>> anonymous_instance;  // clone -> node -> instance
  std::map<std::string, ResourceView> orphans;
  std::map<std::string, PrimState> orphan_state;
  std::set<std::tuple<std::string, std::string, int>> seen_failures, seen_ops;

  if (status) {
    for (XmlNode state : status->children("node_state")) {
      auto id = state.attribute("id").value_or("");
      std::string uname = state.attribute("uname").value_or(id);
      NodeView* node = nullptr;
      for (auto& n : view.nodes)
        if (n.id == id || n.uname == uname) node = &n;
      if (!node) continue;
      auto lrm = state.first_child("lrm");
      if (!lrm) continue;
      auto lrm_resources = lrm->first_child("lrm_resources");
      if (!lrm_resources) continue;
      for (XmlNode lrm_rsc : lrm_resources->children("lrm_resource")) {
        std::string rid = lrm_rsc.attribute("id").value_or("");
        std::vector<OpRecord> ops;
        for (XmlNode op : lrm_rsc.children("lrm_rsc_op")) ops.push_back(read_op(op, rid, node->uname));
        std::stable_sort(ops.begin(), ops.end(), [](const OpRecord& a, const OpRecord& b) {
          auto order = [](int c) { return c < 0 ? (1LL << 40) : static_cast<long long>(c); };
          return order(a.call_id) < order(b.call_id);
        });
        std::optional<int> instance;
        std::string base = strip_instance(rid, instance);
        auto loc = where.find(base);
        if (loc == where.end()) loc = where.find(rid), instance.reset();
        const ResourceView* config = loc == where.end() ? nullptr : loc->second.config;
        Outcome o = replay(ops, config, view.stonith_enabled);
        for (const OpRecord& op : ops) {
          // 2.x-recorded histories repeat an op as <rsc>_last_0 and <rsc>_last_failure_0.
          if (!seen_ops.insert({op.node, op.key(), op.call_id}).second) continue;
          view.ops.push_back(op);
          if (op.failed() && seen_failures.insert({op.node, op.key(), op.call_id}).second)
            view.failed_ops.push_back(op);
        }
        if (o.fence) node->unclean = true;
        if (o.standby) node->standby_onfail = true;
        if (loc == where.end()) {
          if (!orphans.count(rid)) {
            ResourceView orphan;
            orphan.id = rid;
            orphan.orphan = true;
            orphan.rclass = lrm_rsc.attribute("class").value_or("");
            orphan.provider = lrm_rsc.attribute("provider").value_or("");
            orphan.type = lrm_rsc.attribute("type").value_or("");
            orphans[rid] = orphan;
          }
          apply(o, node->uname, orphan_state[rid]);
          continue;
        }
        if (!loc->second.in_clone) {
          apply(o, node->uname, plain[base]);
          continue;
        }
        size_t top = loc->second.top;
        if (!instance) {
          if (!o.active && !o.failed) continue;
          auto& per_node = anonymous_instance[top];
          auto it = per_node.find(node->uname);
          if (it == per_node.end()) {
            int next = 0;
            std::set<int> used;
            for (auto& [n, i] : per_node) used.insert(i);
            while (used.count(next)) ++next;
            it = per_node.emplace(node->uname, next).first;
          }
          instance = it->second;
        }
        apply(o, node->uname, clones[top][*instance][base]);
      }
    }
  }

  int node_count = static_cast<int>(view.nodes.size());
  for (size_t i = 0; i < view.resources.size(); ++i) {
    ResourceView& rsc = view.resources[i];
    switch (rsc.kind) {
      case ResourceKind::primitive: {
        auto it = plain.find(rsc.id);
        fill(rsc, it == plain.end() ? nullptr : &it->second, false);
        break;
      }
      case ResourceKind::group:
        for (auto& m : rsc.children) {
          auto it = plain.find(m.id);
          fill(m, it == plain.end() ? nullptr : &it->second, false);
        }
        break;
      case ResourceKind::clone:
      case ResourceKind::master: {
        if (rsc.children.empty()) break;
        ResourceView tmpl = rsc.children.front();
        int count = node_count;
        if (auto m = rsc.meta.find("clone-max"); m != rsc.meta.end()) count = std::atoi(m->second.c_str());
        auto& states = clones[i];
        int last = count - 1;
        if (!states.empty()) last = std::max(last, states.rbegin()->first);
        bool in_master = rsc.kind == ResourceKind::master;
        rsc.children.clear();
        for (int n = 0; n <= last; ++n) {
          ResourceView inst = instance_of(tmpl, n);
          auto st = states.find(n);
          auto state_of = [&](const std::string& base) -> const PrimState* {
            if (st == states.end()) return nullptr;
            auto it = st->second.find(base);
            return it == st->second.end() ? nullptr : &it->second;
          };
          if (inst.kind == ResourceKind::primitive) {
            fill(inst, state_of(tmpl.id), in_master);
          } else {
            for (size_t m = 0; m < inst.children.size(); ++m)
              fill(inst.children[m], state_of(tmpl.children[m].id), in_master);
          }
          if (n >= count) inst.orphan = true;
          if (n >= count && !inst.active()) continue;
          rsc.children.push_back(std::move(inst));
        }
        break;
      }
    }
  }
  for (auto& [id, orphan] : orphans) {
    fill(orphan, &orphan_state[id], false);
    if (orphan.active()) view.resources.push_back(std::move(orphan));
  }
  return Status::ok();
}

}  // namespace pacer::tools
