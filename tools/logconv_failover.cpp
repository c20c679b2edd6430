// The fail-over summary. pengine logs one LogActions line per resource and transition, e.g.
//   notice: LogActions: Move resource prmEx	(Started pm1 -> pm2)
//   notice: LogActions: Start prmEx	(pm2)      notice: LogActions: Leave resource prmEx	(Stopped)
// crmd then initiates the actions (te_rsc_command) and returns to S_IDLE, where the summary of
// the act_rsc resources (the first and last of the service group) is printed.
#include "tools/logconv_failover.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

namespace pacer::tools {

FailoverTracker::FailoverTracker(std::vector<std::string> act_rsc, std::vector<AttributeRule> rules,
                                 std::map<std::string, std::string> hostcache)
    : act_rsc_(std::move(act_rsc)), rules_(std::move(rules)), hostcache_(std::move(hostcache)) {}

void FailoverTracker::reset() {
  attributes_.clear();
  node_state_.clear();
  shutting_down_.clear();
  resource_failure_ = node_failure_ = false;
  plans_.clear();
  unmanaged_.clear();
  initiated_.clear();
  failover_ = false;
}

std::string FailoverTracker::node_of_uuid(const std::string& uuid) const {
  auto it = hostcache_.find(uuid);
  return it == hostcache_.end() ? uuid : it->second;
}

void FailoverTracker::note_plan(const std::string& text) {
  // "<Action> [resource] <rsc>\t(<details>)"
  std::istringstream words(text);
  std::string action, rsc;
  words >> action >> rsc;
  if (rsc == "resource") words >> rsc;
  auto details = text_between(text, "(", ")").value_or("");
  Planned p;
  std::istringstream d(details);
  std::vector<std::string> parts;
  for (std::string w; d >> w;) parts.push_back(w);
  auto arrow = std::find(parts.begin(), parts.end(), "->");
  if (arrow != parts.end() && arrow != parts.begin() && arrow + 1 != parts.end()) {
    p.plan = Plan::move;
    p.from = *(arrow - 1);
    p.to = *(arrow + 1);
  } else if (action == "Start") {
    p.plan = Plan::start;
    p.to = parts.empty() ? "" : parts.back();
  } else if (action == "Stop") {
    p.plan = Plan::stop;
    p.from = parts.empty() ? "" : parts.back();
  } else if (action == "Leave") {
    bool stopped = !parts.empty() && parts.front() == "Stopped";
    p.plan = stopped ? Plan::leave_stopped : Plan::leave_started;
    p.to = stopped || parts.empty() ? "" : parts.back();
  } else {  // Recover, Restart: stays where it is
    p.plan = Plan::recover;
    p.to = parts.empty() ? "" : parts.back();
  }
  plans_[rsc] = p;
}

bool FailoverTracker::score_failure() const {
  for (auto& [node, attrs] : attributes_) {
    auto state = node_state_.find(node);
    if (state != node_state_.end() && state->second != "online") continue;
    for (auto& rule : rules_)
      if (rule.matches(attrs)) return true;
  }
  return false;
}

bool FailoverTracker::should_start() const {
  bool moved_or_stopped = false, started_or_left_stopped = false;
  for (auto& r : act_rsc_) {
    auto it = plans_.find(r);
    if (it == plans_.end()) continue;
    Plan p = it->second.plan;
    moved_or_stopped = moved_or_stopped || p == Plan::move || p == Plan::stop;
    started_or_left_stopped = started_or_left_stopped || p == Plan::start || p == Plan::leave_stopped;
  }
  bool cause = resource_failure_ || node_failure_ || (moved_or_stopped && score_failure());
  return (cause && moved_or_stopped) || (node_failure_ && started_or_left_stopped);
}

std::vector<LogconvMessage> FailoverTracker::finish() {
  std::vector<LogconvMessage> out;
  if (!unmanaged_.empty()) {
    out.push_back({"ERROR", "Unmanaged resource exists."});
    out.push_back({"ERROR", "fail-over failed."});
    return out;
  }
  bool stopped_any = false;
  for (auto& r : act_rsc_) {
    auto it = plans_.find(r);
    if (it == plans_.end()) continue;
    const Planned& p = it->second;
    if (p.plan == Plan::stop || p.plan == Plan::leave_stopped) {
      stopped_any = true;
      out.push_back({"ERROR", fmt::format("Resource {} : Stopped", r)});
    } else if (initiated_.count(r)) {
      if (p.plan == Plan::move) out.push_back({"info", fmt::format("Resource {} : Move {} -> {}", r, p.from, p.to)});
      else out.push_back({"info", fmt::format("Resource {} : Started on {}", r, p.to)});
    }
  }
  if (stopped_any) out.push_back({"ERROR", "fail-over failed."});
  else out.push_back({"info", "fail-over succeeded."});
  return out;
}

std::vector<LogconvMessage> FailoverTracker::observe(const LogLine& l) {
  const std::string& t = l.text;
  if (l.process == "crmd") {
    if (t.starts_with("update_failcount: Updating failcount for ")) {
      resource_failure_ = true;
    } else if (auto uuid = text_between(t, "match_down_event: No match for shutdown action on ", "")) {
      std::string node = node_of_uuid(uuid->substr(0, uuid->find(' ')));
      if (!shutting_down_.count(node)) node_failure_ = true;
    } else if (auto node = text_between(t, "handle_shutdown_request: Creating shutdown request for ", "")) {
      shutting_down_.insert(node->substr(0, node->find(' ')));
    } else if (t.starts_with("abort_transition_graph:") && t.find("Transient attribute: update") != std::string::npos) {
      auto id = text_between(t, "id=status-", ",");
      auto value = text_between(t, "value=", ",");
      if (id && value) {
        std::string node, name = text_between(t, "name=", ",").value_or("");
        for (auto& [uuid, uname] : hostcache_)
          if (id->starts_with(uuid + "-")) {
            node = uname;
            if (name.empty()) name = id->substr(uuid.size() + 1);
          }
        if (node.empty() && id->size() > 37) {  // a Heartbeat UUID is 36 characters
          node = id->substr(0, 36);
          if (name.empty()) name = id->substr(37);
        }
        if (!node.empty() && !name.empty()) attributes_[node][name] = *value;
      }
    } else if (auto action = text_between(t, "te_rsc_command: Initiating action ", "")) {
      // "37: start prmEx_start_0 on pm2"
      std::istringstream words(*action);
      std::string number, op, key;
      words >> number >> op >> key;
      auto parsed = parse_op_key(key);
      if (parsed && parsed->op != "monitor") initiated_.insert(parsed->rsc);
    } else if (t.starts_with("do_state_transition: State transition ")) {
      if (t.find("S_IDLE -> S_POLICY_ENGINE") != std::string::npos &&
          t.find("I_SHUTDOWN") == std::string::npos) {
        plans_.clear();
        unmanaged_.clear();
        initiated_.clear();
      } else if (t.find("-> S_IDLE") != std::string::npos || t.find("-> S_STOPPING") != std::string::npos) {
        std::vector<LogconvMessage> out;
        if (failover_) out = finish();
        failover_ = false;
        resource_failure_ = node_failure_ = false;
        plans_.clear();
        unmanaged_.clear();
        initiated_.clear();
        return out;
      }
    }
    return {};
  }
  if (l.process == "cib") {
    if (auto node = text_between(t, "cib_process_shutdown_req: Shutdown REQ from ", ""))
      shutting_down_.insert(node->substr(0, node->find(' ')));
    return {};
  }
  if (l.process == "pengine") {
    if (auto rest = text_between(t, "determine_online_status: Node ", "")) {
      auto is = rest->find(" is ");
      if (is != std::string::npos) node_state_[rest->substr(0, is)] = rest->substr(is + 4);
    } else if (auto plan = text_between(t, "LogActions: ", "")) {
      note_plan(*plan);
      if (!failover_ && should_start()) {
        failover_ = true;
        return {{"ERROR", "Start to fail-over."}};
      }
    } else if (auto rsc = text_between(t, "native_color: Unmanaged resource ", "")) {
      unmanaged_.insert(rsc->substr(0, rsc->find(' ')));
    }
  }
  return {};
}

}  // namespace pacer::tools
