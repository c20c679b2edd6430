// Conversions from lrmd's results to the controllers' LrmOp; see lrm_history.h.
#include "crmd/lrm_history.h"

#include <charconv>

#include "pengine/op_digest.h"

namespace pacer::crmd {

std::string operation_digest(const lrmd::Params& params, long long interval_ms) {
  pengine::Attributes instance;
  long long timeout_ms = 0;
  for (const auto& [name, value] : params) {
    if (name == "CRM_meta_timeout") {
      std::from_chars(value.data(), value.data() + value.size(), timeout_ms);
      continue;
    }
    if (name.starts_with("CRM_meta_") || name == "crm_feature_set") continue;
    instance.emplace(name, value);
  }
  return pengine::op_digest(instance, interval_ms, timeout_ms);
}

proto::crmd::LrmOp to_lrm_op(const lrmd::OperationResult& result) {
  proto::crmd::LrmOp op;
  op.set_call_id(result.call_id);
  op.set_operation(result.operation);
  op.set_interval_ms(static_cast<uint64_t>(result.interval.count()));
  op.set_rc(result.rc);
  op.set_op_status(static_cast<int>(result.op_status));
  op.set_transition_key(result.user_data);
  op.set_exec_time_ms(static_cast<uint64_t>(result.exec_time.count()));
  op.set_queue_time_ms(static_cast<uint64_t>(result.queue_time.count()));
  op.set_run_time(result.run_time);
  op.set_rc_change_time(result.rc_change_time);
  op.set_timeout_ms(static_cast<uint64_t>(result.timeout.count()));
  op.set_op_digest(operation_digest(result.params, result.interval.count()));
  return op;
}

proto::crmd::LrmResource to_lrm_resource(const lrmd::ResourceSpec& spec,
                                         const lrmd::OperationResult& result) {
  proto::crmd::LrmResource rsc;
  rsc.set_id(spec.id.empty() ? result.rsc_id : spec.id);
  rsc.set_rclass(spec.rclass);
  rsc.set_provider(spec.provider);
  rsc.set_type(spec.type);
  *rsc.add_ops() = to_lrm_op(result);
  return rsc;
}

std::vector<proto::crmd::LrmResource> to_history(const std::vector<lrmd::ResourceState>& state) {
  std::vector<proto::crmd::LrmResource> out;
  for (const lrmd::ResourceState& s : state) {
    proto::crmd::LrmResource rsc;
    rsc.set_id(s.spec.id);
    rsc.set_rclass(s.spec.rclass);
    rsc.set_provider(s.spec.provider);
    rsc.set_type(s.spec.type);
    for (const lrmd::OperationResult& r : s.last_results)
      if (r.op_status != lrmd::OpStatus::pending) *rsc.add_ops() = to_lrm_op(r);
    out.push_back(std::move(rsc));
  }
  return out;
}

std::string op_key(const std::string& rsc_id, const proto::crmd::LrmOp& op) {
  return lrmd::operation_key(rsc_id, op.operation(), lrmd::Millis(op.interval_ms()));
}

}  // namespace pacer::crmd
