#include "pengine/simulation_injection.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "pengine/execution_order.h"
#include "pengine/graph_xml.h"
#include "pengine/op_digest.h"

namespace pacer::pengine {
namespace {

// Tasks whose names hold an underscore; the key's last two underscores split the others.
constexpr std::string_view kCompoundTasks[] = {"migrate_to", "migrate_from", "clear_failcount"};

std::optional<long long> parse_number(std::string_view text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

XmlNode child(XmlNode parent, std::string_view name, std::string_view id = {}) {
  for (XmlNode c : parent.children(name))
    if (id.empty() || c.attribute("id") == id) return c;
  XmlNode c = parent.append_child(name);
  if (!id.empty()) c.set_attribute("id", id);
  return c;
}

std::string_view base_of(std::string_view rsc) { return rsc.substr(0, rsc.find(':')); }

// A probe that finds the resource stopped (7) or running (0, 8) has not failed.
bool is_failure(const OpInjection& op) {
  if (op.rc == op.target_rc) return false;
  bool probe = op.task == "monitor" && op.interval_ms == 0;
  return !(probe && (op.rc == 7 || op.rc == 8));
}

}  // namespace

Result<OpInjection> parse_op_injection(std::string_view spec) {
  auto error = [&](std::string_view why) {
    return Status::error(fmt::format("invalid operation spec '{}': {} (expected "
                                     "${{resource}}_${{task}}_${{interval_in_ms}}@${{node}}=${{rc}})",
                                     spec, why));
  };
  size_t eq = spec.rfind('=');
  size_t at = spec.rfind('@', eq);
  if (eq == std::string_view::npos || at == std::string_view::npos || at == 0) return error("no @node=rc");
  auto rc = parse_number(spec.substr(eq + 1));
  if (!rc) return error("the rc is not a number");
  OpInjection op;
  op.spec = std::string(spec);
  op.rc = static_cast<int>(*rc);
  op.node = std::string(spec.substr(at + 1, eq - at - 1));
  if (op.node.empty()) return error("no node");
  std::string_view key = spec.substr(0, at);
  size_t last = key.rfind('_');
  if (last == std::string_view::npos || last == 0) return error("no interval");
  auto interval = parse_number(key.substr(last + 1));
  if (!interval || *interval < 0) return error("the interval is not a number of milliseconds");
  op.interval_ms = *interval;
  std::string_view rest = key.substr(0, last);
  for (std::string_view task : kCompoundTasks) {
    if (rest.size() > task.size() + 1 && rest.ends_with(task) && rest[rest.size() - task.size() - 1] == '_') {
      op.task = std::string(task);
      op.rsc = std::string(rest.substr(0, rest.size() - task.size() - 1));
      return op;
    }
  }
  size_t sep = rest.rfind('_');
  if (sep == std::string_view::npos || sep == 0 || sep + 1 == rest.size()) return error("no task");
  op.task = std::string(rest.substr(sep + 1));
  op.rsc = std::string(rest.substr(0, sep));
  return op;
}

XmlNode CibInjector::node_state(const std::string& uname) {
  XmlNode root = cib_.root();
  XmlNode status = child(root, "status");
  for (XmlNode state : status.children("node_state"))
    if (state.attribute("uname") == uname) return state;
  std::string id = uname;
  if (auto nodes = cib_.select("/cib/configuration/nodes/node[@uname='" + uname + "']"); nodes && !nodes->empty()) {
    id = (*nodes)[0].attribute("id").value_or(uname);
  } else {
    // A node the configuration does not know yet becomes one, as it would on joining.
    XmlNode node = child(child(child(root, "configuration"), "nodes"), "node", id);
    node.set_attribute("uname", uname);
  }
  XmlNode state = status.append_child("node_state");
  state.set_attribute("id", id);
  state.set_attribute("uname", uname);
  state.set_attribute("crm-debug-origin", "crm_simulate");
  return state;
}

void CibInjector::set_membership(XmlNode state, bool up) {
  state.set_attribute("in_ccm", up ? "true" : "false");
  state.set_attribute("crmd", up ? "online" : "offline");
  state.set_attribute("join", up ? "member" : "down");
  state.set_attribute("expected", up ? "member" : "down");
  state.set_attribute("crm-debug-origin", "crm_simulate");
}

void CibInjector::node_up(const std::string& uname) {
  set_membership(node_state(uname), true);
  lines_ += fmt::format("  * Bringing node {} online\n", uname);
}

void CibInjector::node_down(const std::string& uname) {
  fenced(uname);  // a clean shutdown: nothing left running there
  lines_ += fmt::format("  * Taking node {} offline\n", uname);
}

void CibInjector::node_fail(const std::string& uname) {
  XmlNode state = node_state(uname);
  set_membership(state, true);
  state.set_attribute("in_ccm", "false");
  lines_ += fmt::format("  * Failing node {}\n", uname);
}

XmlNode CibInjector::transient_attributes(XmlNode state) {
  std::string id = state.attribute("id").value_or("");
  XmlNode transient = child(state, "transient_attributes", id);
  return child(transient, "instance_attributes", "status-" + id);
}

void CibInjector::bump_fail_count(XmlNode state, const OpInjection& op) {
  std::string id = state.attribute("id").value_or("");
  XmlNode attrs = transient_attributes(state);
  std::string suffix = fmt::format("{}#{}_{}", op.rsc, op.task, op.interval_ms);
  auto set = [&](const std::string& name, const std::string& value) {
    std::string nvpair_id = fmt::format("status-{}-{}", id, name);
    std::replace(nvpair_id.begin(), nvpair_id.end(), '#', '.');
    XmlNode nvpair = child(attrs, "nvpair", nvpair_id);
    nvpair.set_attribute("name", name);
    nvpair.set_attribute("value", value);
  };
  std::string fail_count = "fail-count-" + suffix;
  long long count = 0;
  for (XmlNode nvpair : attrs.children("nvpair"))
    if (nvpair.attribute("name") == fail_count) count = parse_number(nvpair.attribute("value").value_or("0")).value_or(0);
  set(fail_count, std::to_string(count + 1));
  set("last-failure-" + suffix, std::to_string(now_));
  lines_ += fmt::format("  * Injecting attribute {}=value++ into /node_state '{}'\n", fail_count, id);
  lines_ += fmt::format("  * Injecting attribute last-failure-{}={} into /node_state '{}'\n", suffix, now_, id);
}

Status CibInjector::record_result(const OpInjection& op, const std::optional<std::string>& digest) {
  std::string base(base_of(op.rsc));
  auto primitives = cib_.select("/cib/configuration/resources//primitive[@id='" + base + "']");
  if (!primitives || primitives->empty())
    return Status::error(fmt::format("cannot inject {}: resource {} is not configured", op.spec, base));
  XmlNode primitive = (*primitives)[0];
  XmlNode state = node_state(op.node);
  std::string node_id = state.attribute("id").value_or(op.node);
  XmlNode resources = child(child(state, "lrm", node_id), "lrm_resources");
  XmlNode rsc = child(resources, "lrm_resource", op.lrm_id.empty() ? op.rsc : op.lrm_id);
  for (std::string_view attr : {"class", "provider", "type"})
    if (auto value = primitive.attribute(attr)) rsc.set_attribute(attr, *value);
  long long call_id = 0;
  for (XmlNode recorded : rsc.children("lrm_rsc_op"))
    call_id = std::max(call_id, parse_number(recorded.attribute("call-id").value_or("0")).value_or(0));
  ++call_id;
  const bool failed = is_failure(op);
  const int target_rc = op.target_rc;
  const std::string key = fmt::format("{}_{}_{}", op.rsc, op.task, op.interval_ms);
  const std::string transition_key =
      fmt::format("{}:-1:{}:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", call_id, target_rc);
  auto write = [&](const std::string& id) {
    XmlNode entry = child(rsc, "lrm_rsc_op", id);
    entry.set_attribute("operation_key", key);
    entry.set_attribute("operation", op.task);
    entry.set_attribute("crm-debug-origin", "crm_simulate");
    entry.set_attribute("transition-key", transition_key);
    entry.set_attribute("transition-magic", fmt::format("0:{};{}", op.rc, transition_key));
    entry.set_attribute("exit-reason", op.rc == target_rc ? "" : "Simulated action result");
    entry.set_attribute("call-id", std::to_string(call_id));
    entry.set_attribute("rc-code", std::to_string(op.rc));
    entry.set_attribute("op-status", "0");
    entry.set_attribute("interval", std::to_string(op.interval_ms));
    entry.set_attribute("last-run", std::to_string(now_));
    entry.set_attribute("last-rc-change", std::to_string(now_));
    entry.set_attribute("exec-time", "0");
    entry.set_attribute("queue-time", "0");
    if (digest) entry.set_attribute("op-digest", *digest);
  };
  // What the node's lrmd keeps: the last non-recurring result, each recurring op's, and the
  // last failure.
  if (op.interval_ms == 0) write(op.rsc + "_last_0");
  else if (op.rc == target_rc) write(key);
  if (op.rc != target_rc) write(op.rsc + "_last_failure_0");
  if (failed) bump_fail_count(state, op);
  return Status::ok();
}

Status CibInjector::inject_op(const OpInjection& op) {
  lines_ += fmt::format("  * Injecting {} into the configuration\n", op.spec);
  return record_result(op, std::nullopt);
}

std::string CibInjector::history_name(const std::string& base, const std::string& uname) {
  XmlNode state = node_state(uname);
  for (XmlNode lrm : state.children("lrm"))
    for (XmlNode resources : lrm.children("lrm_resources"))
      for (XmlNode rsc : resources.children("lrm_resource"))
        if (auto id = rsc.attribute("id"); id && base_of(*id) == base) return *id;
  return base;
}

// Down, with no history and no transient attributes: what a node that was fenced or shut down
// cleanly reports.
void CibInjector::fenced(const std::string& uname) {
  XmlNode state = node_state(uname);
  set_membership(state, false);
  for (std::string_view section : {"lrm", "transient_attributes"})
    for (XmlNode c : state.children(section)) c.remove();
}

void CibInjector::clear_fail_count(const std::string& rsc, const std::string& uname) {
  XmlNode state = node_state(uname);
  for (XmlNode transient : state.children("transient_attributes"))
    for (XmlNode attrs : transient.children("instance_attributes"))
      for (XmlNode nvpair : attrs.children("nvpair")) {
        std::string name = nvpair.attribute("name").value_or("");
        for (std::string_view prefix : {"fail-count-", "last-failure-"})
          if (name.starts_with(prefix) &&
              (name.substr(prefix.size()) == rsc || name.substr(prefix.size()).starts_with(rsc + "#")))
            nvpair.remove();
      }
}

Result<TransitionRun> execute_transition(XmlDocument& cib, const Schedule& schedule,
                                         const std::vector<OpInjection>& failures, std::int64_t now) {
  const WorkingSet& ws = schedule.working_set;
  CibInjector injector(cib, now);
  TransitionRun run;
  for (int id : execution_order(schedule.graph)) {
    const Action& action = schedule.graph.actions[id];
    if (!action.runnable) continue;
    run.executed.push_back(id);
    if (action.pseudo) continue;
    const std::string& uname = ws.nodes[action.node].uname;
    if (action.kind == ActionKind::kFence) {
      injector.fenced(uname);
      continue;
    }
    if (!action.rsc) continue;
    const Resource& rsc = ws.resources[*action.rsc];
    if (action.kind == ActionKind::kClearFailcount) {
      injector.clear_fail_count(rsc.base_id, uname);
      continue;
    }
    OpInjection op;
    // The result belongs to the history the instance already has there ("prmS:0"), as the node's
    // lrmd would file it; the entries are named after the configured id, as the graph names it.
    op.rsc = rsc.base_id;
    if (rsc.id != rsc.base_id) op.lrm_id = injector.history_name(rsc.base_id, uname);
    op.task = task_name(action);
    op.interval_ms = action.interval_ms;
    op.node = uname;
    // What the agent answers when all goes well: a probe finds the resource stopped (7), running
    // (0) or running as Master (8); a Master's monitor also says 8.
    const bool probe = action.kind == ActionKind::kMonitor && action.interval_ms == 0;
    const bool active_here = std::find(rsc.running_on.begin(), rsc.running_on.end(), action.node) != rsc.running_on.end();
    if (probe) op.rc = !active_here ? 7 : rsc.master ? 8 : 0;
    else op.rc = action.kind == ActionKind::kMonitor && action.role == Role::kMaster ? 8 : 0;
    op.target_rc = op.rc;
    bool failing = false;
    for (const OpInjection& failure : failures) {
      if (base_of(failure.rsc) != base_of(op.rsc) || failure.task != op.task || failure.interval_ms != op.interval_ms ||
          failure.node != uname)
        continue;
      failing = failure.rc != op.rc;
      op.rc = failure.rc;
    }
    op.spec = fmt::format("{}_{}_{}@{}={}", op.rsc, op.task, op.interval_ms, uname, op.rc);
    std::optional<std::string> digest;
    if (action.kind != ActionKind::kStop)
      digest = op_digest(rsc.params, op.interval_ms, ws.operation_timeout_ms(rsc, op.task, op.interval_ms));
    const size_t lines_before = injector.lines().size();
    if (Status recorded = injector.record_result(op, digest); !recorded) return recorded;
    if (failing) {
      run.failed_action = id;
      run.failure_lines = fmt::format("Pretending action {} failed with rc={}\n", id, op.rc) +
                          injector.lines().substr(lines_before);
      break;
    }
  }
  return run;
}

}  // namespace pacer::pengine
