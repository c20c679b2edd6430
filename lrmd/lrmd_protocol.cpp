// Field-by-field conversions between lrmd's C++ types and its Protobuf messages.
#include "lrmd/lrmd_protocol.h"

namespace pacer::lrmd {
namespace {

template <typename ProtoMap>
Params to_params(const ProtoMap& map) {
  return Params(map.begin(), map.end());
}

template <typename ProtoMap>
void fill(ProtoMap* out, const Params& params) {
  for (const auto& [name, value] : params) (*out)[name] = value;
}

}  // namespace

proto::lrmd::Resource to_proto(const ResourceSpec& spec) {
  proto::lrmd::Resource m;
  m.set_id(spec.id);
  m.set_rclass(spec.rclass);
  m.set_provider(spec.provider);
  m.set_type(spec.type);
  fill(m.mutable_params(), spec.params);
  return m;
}

ResourceSpec from_proto(const proto::lrmd::Resource& m) {
  return ResourceSpec{m.id(), m.rclass(), m.provider(), m.type(), to_params(m.params())};
}

proto::lrmd::OpRequest to_proto(const OperationRequest& r) {
  proto::lrmd::OpRequest m;
  m.set_version(kProtocolVersion);
  m.set_rsc_id(r.rsc_id);
  m.set_operation(r.operation);
  m.set_interval_ms(static_cast<std::uint64_t>(r.interval.count()));
  m.set_timeout_ms(static_cast<std::uint64_t>(r.timeout.count()));
  m.set_start_delay_ms(static_cast<std::uint64_t>(r.start_delay.count()));
  fill(m.mutable_params(), r.params);
  m.set_user_data(r.user_data);
  m.set_report_every_time(r.report_every_time);
  return m;
}

OperationRequest from_proto(const proto::lrmd::OpRequest& m) {
  OperationRequest r;
  r.rsc_id = m.rsc_id();
  r.operation = m.operation();
  r.interval = Millis(static_cast<Millis::rep>(m.interval_ms()));
  r.timeout = Millis(static_cast<Millis::rep>(m.timeout_ms()));
  r.start_delay = Millis(static_cast<Millis::rep>(m.start_delay_ms()));
  r.params = to_params(m.params());
  r.user_data = m.user_data();
  r.report_every_time = m.report_every_time();
  return r;
}

proto::lrmd::OpResult to_proto(const OperationResult& r) {
  proto::lrmd::OpResult m;
  m.set_call_id(r.call_id);
  m.set_rsc_id(r.rsc_id);
  m.set_operation(r.operation);
  m.set_interval_ms(static_cast<std::uint64_t>(r.interval.count()));
  m.set_rc(r.rc);
  m.set_op_status(static_cast<int>(r.op_status));
  m.set_timeout_ms(static_cast<std::uint64_t>(r.timeout.count()));
  m.set_output(r.output);
  m.set_user_data(r.user_data);
  m.set_exec_time_ms(static_cast<std::uint64_t>(r.exec_time.count()));
  m.set_queue_time_ms(static_cast<std::uint64_t>(r.queue_time.count()));
  m.set_run_time(r.run_time);
  m.set_rc_change_time(r.rc_change_time);
  fill(m.mutable_params(), r.params);
  return m;
}

OperationResult from_proto(const proto::lrmd::OpResult& m) {
  OperationResult r;
  r.call_id = m.call_id();
  r.rsc_id = m.rsc_id();
  r.operation = m.operation();
  r.interval = Millis(static_cast<Millis::rep>(m.interval_ms()));
  r.rc = m.rc();
  int status = m.op_status();
  r.op_status = (status >= -1 && status <= 4) ? static_cast<OpStatus>(status) : OpStatus::error;
  r.timeout = Millis(static_cast<Millis::rep>(m.timeout_ms()));
  r.output = m.output();
  r.user_data = m.user_data();
  r.exec_time = Millis(static_cast<Millis::rep>(m.exec_time_ms()));
  r.queue_time = Millis(static_cast<Millis::rep>(m.queue_time_ms()));
  r.run_time = m.run_time();
  r.rc_change_time = m.rc_change_time();
  r.params = to_params(m.params());
  return r;
}

proto::lrmd::ResourceState to_proto(const ResourceState& state) {
  proto::lrmd::ResourceState m;
  *m.mutable_resource() = to_proto(state.spec);
  for (const auto& r : state.last_results) *m.add_last_ops() = to_proto(r);
  for (const auto& op : state.recurring) {
    *m.add_recurring() = to_proto(op.request);
    m.add_recurring_call_ids(op.call_id);
  }
  return m;
}

ResourceState from_proto(const proto::lrmd::ResourceState& m) {
  ResourceState state;
  state.spec = from_proto(m.resource());
  for (const auto& r : m.last_ops()) state.last_results.push_back(from_proto(r));
  for (int i = 0; i < m.recurring_size(); ++i)
    state.recurring.push_back(
        {i < m.recurring_call_ids_size() ? m.recurring_call_ids(i) : 0, from_proto(m.recurring(i))});
  return state;
}

}  // namespace pacer::lrmd
