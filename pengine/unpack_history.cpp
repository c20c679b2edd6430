// Unpacking the operation history (<lrm_rsc_op>) of each node: where each resource is active,
// which failed, and which failures make a node unclean (on-fail=fence).
//
// A resource's ops are replayed in call-id order; the last word decides. What the agent returned
// (rc-code) is kept apart from whether the operation completed (op-status).
#include <algorithm>
#include <charconv>

#include "pengine/node_scores.h"
#include "pengine/nvpairs.h"
#include "pengine/op_digest.h"
#include "pengine/unpack.h"

namespace pacer::pengine {
namespace {

constexpr int kOpDone = 0;
constexpr int kOpCancelled = 1;
constexpr int kOpPending = -1;
constexpr int kRcOk = 0;
constexpr int kRcNotRunning = 7;
constexpr int kRcRunningMaster = 8;
constexpr int kRcFailedMaster = 9;

struct OpRecord {
  std::string id;  // <rsc>_last_0, <rsc>_last_failure_0, <rsc>_monitor_10000...
  std::optional<std::string> digest;
  std::string task;
  long long interval_ms = 0;
  int call_id = -1;
  int rc = 0;
  int op_status = 0;
  long long last_rc_change = 0;
};

Result<int> int_attribute(XmlNode element, std::string_view name, int fallback) {
  auto text = element.attribute(name);
  if (!text) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size())
    return Status::error(fmt::format("{}: {} '{}' is not a number", describe(element), name, *text));
  return value;
}

Result<OpRecord> read_op(XmlNode element) {
  OpRecord op;
  auto task = element.attribute("operation");
  if (!task) return Status::error(describe(element) + ": no operation");
  op.task = *task;
  op.id = element.attribute("id").value_or("");
  op.digest = element.attribute("op-digest");
  // crmd records the interval in milliseconds, a bare number (unlike <op interval="10s">).
  auto interval = int_attribute(element, "interval", 0);
  if (!interval) return interval.status();
  op.interval_ms = *interval;
  auto call_id = int_attribute(element, "call-id", -1);
  auto rc = int_attribute(element, "rc-code", 0);
  auto status = int_attribute(element, "op-status", 0);
  if (!call_id) return call_id.status();
  if (!rc) return rc.status();
  if (!status) return status.status();
  auto changed = int_attribute(element, "last-rc-change", 0);
  if (!changed) return changed.status();
  op.last_rc_change = *changed;
  op.call_id = *call_id;
  op.rc = *rc;
  op.op_status = *status;
  return op;
}

OnFail on_fail_for(const WorkingSet& ws, const Resource& rsc, const OpRecord& op) {
  for (const auto& spec : rsc.operations)
    if (spec.name == op.task && spec.interval_ms == op.interval_ms && spec.on_fail)
      return *spec.on_fail;
  if (op.task == "stop") return ws.options.stonith_enabled ? OnFail::kFence : OnFail::kBlock;
  return OnFail::kRestart;
}

struct Outcome {
  bool active = false;
  bool failed = false;
  bool master = false;  // last known role: Master (promoted, or a monitor found it so)
  std::optional<OnFail> on_fail;  // of the failure that is still in force
};

// A failure older than failure-timeout no longer counts once no unexpired fail count remains
// (its fail count, if any, is then cleared).
bool expired(const WorkingSet& ws, const Resource& rsc, int node, const OpRecord& op) {
  if (rsc.failure_timeout_s <= 0 || ws.options.now <= 0) return false;
  if (ws.options.now < op.last_rc_change + rsc.failure_timeout_s) return false;
  return fail_count(ws, rsc, node) <= 0;
}

Outcome replay(const WorkingSet& ws, const Resource& rsc, int node, std::vector<OpRecord> ops) {
  std::stable_sort(ops.begin(), ops.end(),
                   [](const OpRecord& a, const OpRecord& b) { return a.call_id < b.call_id; });
  Outcome out;
  for (const auto& op : ops) {
    if (op.op_status == kOpCancelled || op.op_status == kOpPending || op.call_id < 0) continue;
    bool probe = op.task == "monitor" && op.interval_ms == 0;
    bool completed = op.op_status == kOpDone;
    if (completed && op.rc == kRcOk) {
      if (op.task == "stop") out = Outcome{};
      else if (op.task == "start" || probe) out = Outcome{true, false};
      else if (op.task == "promote") out = Outcome{true, false, true};
      else if (op.task == "demote") out = Outcome{true, false, false};
      // A successful recurring monitor confirms what is already known.
      continue;
    }
    // A master/slave agent's "running as Master" is success for a monitor; a failure still in
    // force (from an earlier failed op) stays.
    if (completed && op.rc == kRcRunningMaster && op.task == "monitor") {
      if (probe) out = Outcome{true, false, true};
      else out.active = out.master = true;
      continue;
    }
    // An unmanaged resource found not running by its monitor is simply stopped.
    if (completed && op.rc == kRcNotRunning && (probe || op.task == "stop" || !rsc.managed)) {
      out = Outcome{};
      continue;
    }
    if (op.task == "notify") continue;
    if (expired(ws, rsc, node, op)) continue;
    // A failure: the resource is taken as active (it must be stopped to be safe) and failed.
    OnFail action = on_fail_for(ws, rsc, op);
    if (action == OnFail::kIgnore) {
      if (op.task == "start") out.active = true;
      continue;
    }
    out.active = true;
    out.failed = true;
    out.on_fail = action;
    if (op.rc == kRcFailedMaster) out.master = true;
    // A failed promote leaves it Master as far as anyone knows; a failed demote too.
    if (op.task == "promote" || op.task == "demote") out.master = true;
  }
  return out;
}

// The resource an lrm_resource id refers to, for anonymous clones the instance to use on this node:
// the one already active there, else the first instance active nowhere yet (configured or an
// orphan made for an earlier node's inactive entry; an inactive entry binds it without taking
// it), else a new orphan instance, as the reference numbers them.
std::optional<int> resolve(WorkingSet& ws, std::string_view id, int node, bool active) {
  std::string_view base = id.substr(0, id.find(':'));
  for (int c : ws.top_level) {
    if (ws.resources[c].kind != ResourceKind::kClone) continue;
    if (ws.resources[*ws.resources[c].clone_template].base_id != base) continue;
    for (int i : ws.resources[c].children)
      if (std::find(ws.resources[i].running_on.begin(), ws.resources[i].running_on.end(), node) !=
          ws.resources[i].running_on.end())
        return i;
    for (int i : ws.resources[c].children) {
      if (!ws.resources[i].running_on.empty()) continue;
      if (!active) ws.resources[i].bound_inactive = true;
      return active ? std::optional<int>(i) : std::nullopt;
    }
    Resource orphan = ws.resources[*ws.resources[c].clone_template];
    orphan.id = fmt::format("{}:{}", orphan.base_id, ws.resources[c].children.size());
    orphan.parent = c;
    orphan.orphan = true;
    ws.resources.push_back(std::move(orphan));
    int index = static_cast<int>(ws.resources.size()) - 1;
    ws.resources[c].children.push_back(index);
    return active ? std::optional<int>(index) : std::nullopt;
  }
  auto found = ws.find_resource(id);
  if (!found || !ws.is_primitive(*found)) return std::nullopt;  // orphans: not handled yet
  return found;
}

// A recorded failure whose parameters (op-digest, missing counts as different) are not today's.
void note_stale_failures(WorkingSet& ws, int r, int node, const std::vector<OpRecord>& ops) {
  Resource& rsc = ws.resources[r];
  if (rsc.kind != ResourceKind::kPrimitive) return;
  // Any history there older than failure-timeout, with the fail count expired, clears it.
  for (const auto& op : ops) {
    if (expired(ws, rsc, node, op) && raw_fail_count(ws, rsc, node) > 0) {
      rsc.stale_failure_on.push_back(node);
      return;
    }
  }
  for (const auto& op : ops) {
    if (!op.id.ends_with("_last_failure_0")) continue;
    long long timeout = ws.operation_timeout_ms(rsc, op.task, op.interval_ms);
    if (op.digest == op_digest(rsc.params, op.interval_ms, timeout)) continue;
    rsc.stale_failure_on.push_back(node);
  }
}

Status unpack_node_history(XmlNode lrm, int node, WorkingSet& ws) {
  auto resources = lrm.first_child("lrm_resources");
  if (!resources) return Status::ok();
  for (XmlNode lrm_rsc : resources->children("lrm_resource")) {
    auto id = lrm_rsc.attribute("id");
    if (!id) return Status::error(describe(lrm_rsc) + ": an lrm_resource needs an id");
    ws.nodes[node].probed.insert(std::string(std::string_view(*id).substr(0, id->find(':'))));
    std::vector<OpRecord> ops;
    for (XmlNode element : lrm_rsc.children("lrm_rsc_op")) {
      auto op = read_op(element);
      if (!op) return op.status();
      ops.push_back(std::move(*op));
    }
    std::string_view base = std::string_view(*id).substr(0, id->find(':'));
    auto config = ws.find_resource(base);
    if (!config) continue;
    Outcome outcome = replay(ws, ws.resources[*config], node, ops);
    auto target = resolve(ws, *id, node, outcome.active);
    note_stale_failures(ws, target.value_or(*config), node, ops);
    if (!target || !outcome.active) continue;
    Resource& rsc = ws.resources[*target];
    rsc.running_on.push_back(node);
    if (rsc.history_id.empty()) rsc.history_id = *id;
    if (outcome.master) rsc.master = true;
    // A node that left cleanly but whose history still shows a resource active may be running
    // it: only fencing makes that safe.
    if (!ws.nodes[node].online && !ws.nodes[node].unclean) {
      ws.nodes[node].unclean = true;
      ws.nodes[node].fence_reason = rsc.id + " is thought to be active there";
    }
    // A failure recorded on a node that is gone no longer counts: the node's loss decides.
    if (!outcome.failed || !ws.nodes[node].online) continue;
    rsc.failed = true;
    rsc.failed_on = node;
    if (outcome.on_fail == OnFail::kFence && !ws.nodes[node].unclean) {
      ws.nodes[node].unclean = true;
      ws.nodes[node].fence_reason = rsc.id + " failed there";
    } else if (outcome.on_fail == OnFail::kBlock && !(ws.options.stonith_enabled && ws.nodes[node].unclean)) {
      // (On a node already known to be fenced, the fencing stops it: nothing to block. A fence
      // found later in the node's history does not undo a block, as in the reference.)
      rsc.blocked = true;
    } else if (outcome.on_fail == OnFail::kStop) {
      rsc.target_stopped = true;
      // For an anonymous clone's instance that means the clone itself.
      if (rsc.parent && ws.resources[*rsc.parent].kind == ResourceKind::kClone)
        ws.resources[*rsc.parent].stopped_by_failure = true;
    } else if (outcome.on_fail == OnFail::kStandby) {
      ws.nodes[node].standby = true;
    }
  }
  return Status::ok();
}

}  // namespace

Status unpack_history(XmlNode status, WorkingSet& ws) {
  for (XmlNode state : status.children("node_state")) {
    auto node = ws.find_node_by_id(state.attribute("id").value_or(""));
    if (!node) continue;
    // Without fencing, a node that is down ran nothing we could act on: its history is moot.
    if (!ws.nodes[*node].online && !ws.options.stonith_enabled) continue;
    auto lrm = state.first_child("lrm");
    if (!lrm) continue;
    Status s = unpack_node_history(*lrm, *node, ws);
    if (!s) return s;
  }
  return Status::ok();
}

}  // namespace pacer::pengine
