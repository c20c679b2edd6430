// The simulated lrmd of the controller tests; see fake_lrm.h.
#include "crmd/testing/fake_lrm.h"

namespace pacer::crmd::testing {

Status FakeLrm::register_resource(const lrmd::ResourceSpec& spec) {
  auto it = specs_.find(spec.id);
  if (it != specs_.end() && it->second.params != spec.params)
    return Status::error("resource " + spec.id + " exists with another definition");
  specs_[spec.id] = spec;
  return Status::ok();
}

Status FakeLrm::unregister_resource(const std::string& rsc_id) {
  specs_.erase(rsc_id);
  return Status::ok();
}

void FakeLrm::record(const lrmd::OperationResult& result) {
  last_[result.rsc_id][lrmd::operation_key(result.rsc_id, result.operation, result.interval)] = result;
  deliver_(result);
}

Result<int> FakeLrm::perform(const lrmd::OperationRequest& request) {
  if (!specs_.contains(request.rsc_id)) return Status::error("no such resource " + request.rsc_id);
  int call = next_call_++;
  performed.push_back(lrmd::operation_key(request.rsc_id, request.operation, request.interval));
  lrmd::OperationResult r;
  r.call_id = call;
  r.rsc_id = request.rsc_id;
  r.operation = request.operation;
  r.interval = request.interval;
  r.op_status = lrmd::OpStatus::done;
  r.timeout = request.timeout;
  r.user_data = request.user_data;
  r.params = request.params;
  r.exec_time = lrmd::Millis(10);
  if (request.operation == "start") {
    if (fail_start.contains(request.rsc_id)) {
      r.rc = lrmd::rc::err_generic;
    } else {
      running_.insert(request.rsc_id);
    }
  } else if (request.operation == "stop") {
    if (fail_stop.contains(request.rsc_id)) r.rc = lrmd::rc::err_generic;
    else running_.erase(request.rsc_id);
  } else if (request.operation == "monitor") {
    r.rc = running_.contains(request.rsc_id) ? lrmd::rc::ok : lrmd::rc::not_running;
    if (request.interval.count() > 0) recurring_[call] = request;
  }
  record(r);
  return call;
}

Status FakeLrm::cancel(const std::string& rsc_id, int call_id) {
  auto it = recurring_.find(call_id);
  if (it == recurring_.end() || it->second.rsc_id != rsc_id) return Status::error("no such call");
  lrmd::OperationResult r;
  r.call_id = call_id;
  r.rsc_id = rsc_id;
  r.operation = it->second.operation;
  r.interval = it->second.interval;
  r.op_status = lrmd::OpStatus::cancelled;
  r.user_data = it->second.user_data;
  r.params = it->second.params;
  recurring_.erase(it);
  deliver_(r);  // a cancel is not the monitor's last word: last_ keeps the previous result
  return Status::ok();
}

Result<std::vector<lrmd::ResourceState>> FakeLrm::state() {
  std::vector<lrmd::ResourceState> out;
  for (const auto& [id, spec] : specs_) {
    lrmd::ResourceState s;
    s.spec = spec;
    for (const auto& [key, result] : last_[id]) s.last_results.push_back(result);
    for (const auto& [call, request] : recurring_)
      if (request.rsc_id == id) s.recurring.push_back({call, request});
    out.push_back(std::move(s));
  }
  return out;
}

void FakeLrm::kill(const std::string& rsc_id) {
  running_.erase(rsc_id);
  for (const auto& [call, request] : recurring_) {
    if (request.rsc_id != rsc_id || request.operation != "monitor") continue;
    lrmd::OperationResult r;
    r.call_id = call;
    r.rsc_id = rsc_id;
    r.operation = "monitor";
    r.interval = request.interval;
    r.rc = lrmd::rc::not_running;
    r.op_status = lrmd::OpStatus::done;
    r.user_data = request.user_data;
    r.params = request.params;
    record(r);
  }
}

}  // namespace pacer::crmd::testing
