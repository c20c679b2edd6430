// Carrying out the DC's rsc_ops through lrmd; see local_executor.h.
#include "crmd/local_executor.h"

#include <algorithm>

#include <fmt/format.h>

#include "crmd/lrm_history.h"
#include "lrmd/operation_log_lines.h"

namespace pacer::crmd {

lrmd::ResourceSpec LocalExecutor::spec_of(const proto::crmd::RscCommand& command) const {
  lrmd::ResourceSpec spec;
  spec.id = command.rsc_id();
  spec.rclass = command.rclass();
  spec.provider = command.provider();
  spec.type = command.type();
  for (const auto& [name, value] : command.attributes())
    if (!name.starts_with("CRM_meta_") && name != "crm_feature_set") spec.params.emplace(name, value);
  return spec;
}

Status LocalExecutor::ensure_registered(const lrmd::ResourceSpec& spec) {
  Status s = lrm_.register_resource(spec);
  if (s) {
    specs_[spec.id] = spec;
    return s;
  }
  // Registered before with other parameters (the configuration changed): replace the definition.
  if (Status u = lrm_.unregister_resource(spec.id); !u) return s;
  s = lrm_.register_resource(spec);
  if (s) specs_[spec.id] = spec;
  return s;
}

void LocalExecutor::cancel_recurring(const std::string& rsc_id, const std::string& only_key) {
  for (auto it = recurring_.begin(); it != recurring_.end();) {
    const auto& [key, owner] = *it;
    if (owner.first == rsc_id && (only_key.empty() || key == only_key)) {
      if (Status s = lrm_.cancel(owner.first, owner.second); !s)
        log_.log(LogLevel::warn, fmt::format("cancel_op: Cancelling {} failed: {}", key, s.message()));
      it = recurring_.erase(it);
    } else {
      ++it;
    }
  }
}

std::optional<proto::crmd::LrmResource> LocalExecutor::execute(const proto::crmd::RscCommand& command) {
  lrmd::ResourceSpec spec = spec_of(command);
  auto interval = lrmd::Millis(command.interval_ms());
  std::string key = lrmd::operation_key(command.rsc_id(), command.operation(), interval);
  log_.log(LogLevel::info, lrmd::crmd_perform_line(command.transition_key(), key));

  if (command.operation() == "cancel") return cancel(command, spec, interval);

  lrmd::OperationRequest request;
  request.rsc_id = command.rsc_id();
  request.operation = command.operation();
  request.interval = interval;
  request.timeout = lrmd::Millis(command.timeout_ms());
  request.params.insert(command.attributes().begin(), command.attributes().end());
  request.user_data = command.transition_key();

  Status ready = Status::ok();
  if (command.operation() == "stop") {
    cancel_recurring(command.rsc_id());
    // A stop must run with the definition the resource was started with; only register when
    // lrmd does not know the resource (after a restart of this controller, say).
    if (!specs_.contains(spec.id)) ready = ensure_registered(spec);
  } else {
    if (interval.count() > 0) cancel_recurring(command.rsc_id(), key);
    ready = ensure_registered(spec);
  }
  Result<int> call = ready ? lrm_.perform(request) : Result<int>(ready);
  if (call) {
    if (interval.count() > 0) recurring_[key] = {command.rsc_id(), *call};
    return std::nullopt;
  }
  log_.log(LogLevel::error, fmt::format("do_lrm_rsc_op: Operation {} failed: {}", key,
                                        call.status().message()));
  lrmd::OperationResult failed;
  failed.call_id = -1;
  failed.rsc_id = command.rsc_id();
  failed.operation = command.operation();
  failed.interval = interval;
  failed.rc = lrmd::rc::err_generic;
  failed.op_status = lrmd::OpStatus::error;
  failed.user_data = command.transition_key();
  failed.params = request.params;
  return to_lrm_resource(spec, failed);
}

// The DC's "cancel" action (a role change drops the old role's monitor): lrmd stops the recurring
// monitor, no agent runs, and the answer is at once that monitor's cancellation under the cancel
// action's key, which is what the DC waits for.
proto::crmd::LrmResource LocalExecutor::cancel(const proto::crmd::RscCommand& command, lrmd::ResourceSpec spec,
                                               lrmd::Millis interval) {
  auto attribute = command.attributes().find("CRM_meta_operation");
  std::string operation = attribute != command.attributes().end() ? attribute->second : "monitor";
  cancel_recurring(command.rsc_id(), lrmd::operation_key(command.rsc_id(), operation, interval));
  if (auto known = specs_.find(command.rsc_id()); known != specs_.end()) spec = known->second;
  lrmd::OperationResult cancelled;
  cancelled.call_id = -1;
  cancelled.rsc_id = command.rsc_id();
  cancelled.operation = operation;
  cancelled.interval = interval;
  cancelled.op_status = lrmd::OpStatus::cancelled;
  cancelled.user_data = command.transition_key();
  return to_lrm_resource(spec, cancelled);
}

std::optional<proto::crmd::LrmResource> LocalExecutor::on_result(const lrmd::OperationResult& result) {
  if (result.op_status == lrmd::OpStatus::pending) return std::nullopt;
  bool recurring = result.interval.count() > 0;
  auto line = lrmd::crmd_lrm_event_line(result, ++cib_updates_, !recurring);
  log_.log(line.level, line.text);
  if (result.op_status == lrmd::OpStatus::cancelled) {
    std::string key = lrmd::operation_key(result.rsc_id, result.operation, result.interval);
    auto it = recurring_.find(key);
    if (it != recurring_.end() && it->second.second == result.call_id) recurring_.erase(it);
  }
  int& last = last_call_id_[result.rsc_id];
  last = std::max(last, result.call_id);
  lrmd::ResourceSpec spec;
  if (auto it = specs_.find(result.rsc_id); it != specs_.end()) spec = it->second;
  return to_lrm_resource(spec, result);
}

Result<lrmd::OperationResult> LocalExecutor::fake_failure(const std::string& rsc_id, WallTime now) {
  if (!specs_.contains(rsc_id)) history();  // a respawned crmd learns lrmd's resources again
  if (!specs_.contains(rsc_id))
    return Status::error(fmt::format("resource {} is not known to the LRM on this node", rsc_id));
  lrmd::OperationResult failed;
  failed.rsc_id = rsc_id;
  failed.operation = "asyncmon";
  // The newest call of the resource, so the policy engine reads it as its current state.
  failed.call_id = last_call_id_[rsc_id] + 1;
  failed.rc = 1;  // OCF_ERR_GENERIC
  failed.op_status = lrmd::OpStatus::done;
  failed.output = "crm_resource -F";
  failed.run_time = failed.rc_change_time =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return failed;
}

std::vector<proto::crmd::LrmResource> LocalExecutor::history() {
  auto state = lrm_.state();
  if (!state) {
    log_.log(LogLevel::error, "do_lrm_query: Could not read lrmd's history: " + state.status().message());
    return {};
  }
  for (const auto& s : *state) {
    specs_[s.spec.id] = s.spec;
    int& last = last_call_id_[s.spec.id];
    for (const auto& r : s.last_results) last = std::max(last, r.call_id);
    for (const auto& r : s.recurring) last = std::max(last, r.call_id);
    for (const auto& r : s.recurring)
      recurring_[lrmd::operation_key(s.spec.id, r.request.operation, r.request.interval)] = {s.spec.id,
                                                                                          r.call_id};
  }
  return to_history(*state);
}

}  // namespace pacer::crmd
