// The client side of lrmd's protocol: one blocking request per call, results as events.
#include "lrmd/lrmd_client.h"

#include <fmt/format.h>

#include "lrmd/lrmd_protocol.h"

namespace pacer::lrmd {
namespace {

proto::lrmd::ResourceIdRequest id_request(const std::string& id) {
  proto::lrmd::ResourceIdRequest r;
  r.set_version(kProtocolVersion);
  r.set_rsc_id(id);
  return r;
}

proto::lrmd::ClassQuery class_query(const std::string& rclass, const std::string& type,
                                    const std::string& provider) {
  proto::lrmd::ClassQuery q;
  q.set_version(kProtocolVersion);
  q.set_rclass(rclass);
  q.set_type(type);
  q.set_provider(provider);
  return q;
}

std::vector<std::string> items(const proto::lrmd::Reply& r) {
  return std::vector<std::string>(r.items().begin(), r.items().end());
}

}  // namespace

Result<std::unique_ptr<LrmdClient>> LrmdClient::connect(ipc::EventLoop& loop,
                                                        const std::string& service,
                                                        Millis request_timeout) {
  ipc::IpcClientOptions options;
  options.log = [](std::string_view) {};  // failures come back as Status
  auto ipc = ipc::IpcClient::connect(loop, service, options);
  if (!ipc) return ipc.status().with_context("connecting to lrmd");
  auto client = std::make_unique<LrmdClient>(Private{}, loop, std::move(ipc).value(), request_timeout);
  LrmdClient* self = client.get();
  client->ipc_->on_event([self](const ipc::IpcMessage& event) { self->handle_event(event); });
  return client;
}

LrmdClient::LrmdClient(Private, ipc::EventLoop& loop, std::unique_ptr<ipc::IpcClient> ipc,
                       Millis timeout)
    : loop_(loop), ipc_(std::move(ipc)), timeout_(timeout) {}

void LrmdClient::on_disconnect(std::function<void(const Status&)> callback) {
  ipc_->on_disconnect(std::move(callback));
}

void LrmdClient::handle_event(const ipc::IpcMessage& event) {
  if (event.type != msg::op_result) return;
  auto parsed = ipc::parse_payload<proto::lrmd::OpResult>(event);
  if (!parsed) return;
  OperationResult result = from_proto(*parsed);
  // Kept (bounded) so that wait_for_result() finds a result that came in before it was called.
  arrived_[result.call_id] = result;
  if (arrived_.size() > kMaxKeptResults) arrived_.erase(arrived_.begin());
  if (on_result_) on_result_(result);
}

template <typename Message>
Status LrmdClient::call(std::string_view type, const Message& message, proto::lrmd::Reply& reply) {
  auto response = ipc_->request(ipc::make_message(std::string(type), message), timeout_);
  if (!response) return response.status().with_context(fmt::format("lrmd request {}", type));
  if (response->type != msg::reply)
    return Status::error(fmt::format("lrmd answered {} with '{}'", type, response->type));
  if (!reply.ParseFromString(response->payload))
    return Status::error(fmt::format("malformed reply to {}", type));
  if (!reply.error().empty()) return Status::error(reply.error());
  return Status::ok();
}

Status LrmdClient::register_resource(const ResourceSpec& spec) {
  proto::lrmd::RegisterRequest r;
  r.set_version(kProtocolVersion);
  *r.mutable_resource() = to_proto(spec);
  proto::lrmd::Reply reply;
  return call(msg::register_rsc, r, reply);
}

Status LrmdClient::unregister_resource(const std::string& rsc_id) {
  proto::lrmd::Reply reply;
  return call(msg::unregister_rsc, id_request(rsc_id), reply);
}

Status LrmdClient::flush(const std::string& rsc_id) {
  proto::lrmd::Reply reply;
  return call(msg::flush_rsc, id_request(rsc_id), reply);
}

Result<ResourceSpec> LrmdClient::get_resource(const std::string& rsc_id) {
  proto::lrmd::Reply reply;
  if (auto r = call(msg::get_rsc, id_request(rsc_id), reply); !r) return r;
  if (reply.resources_size() != 1) return Status::error("lrmd sent no resource");
  return from_proto(reply.resources(0).resource());
}

Result<int> LrmdClient::perform(const OperationRequest& request) {
  proto::lrmd::Reply reply;
  if (auto r = call(msg::perform_op, to_proto(request), reply); !r) return r;
  return reply.call_id();
}

Status LrmdClient::cancel(const std::string& rsc_id, int call_id) {
  proto::lrmd::CancelRequest r;
  r.set_version(kProtocolVersion);
  r.set_rsc_id(rsc_id);
  r.set_call_id(call_id);
  proto::lrmd::Reply reply;
  return call(msg::cancel_op, r, reply);
}

Result<std::vector<ResourceState>> LrmdClient::state(const std::string& rsc_id) {
  proto::lrmd::Reply reply;
  if (auto r = call(msg::get_state, id_request(rsc_id), reply); !r) return r;
  std::vector<ResourceState> out;
  for (const auto& s : reply.resources()) out.push_back(from_proto(s));
  return out;
}

Result<std::vector<std::string>> LrmdClient::classes() {
  proto::lrmd::Reply reply;
  if (auto r = call(msg::list_classes, class_query("", "", ""), reply); !r) return r;
  return items(reply);
}

Result<std::vector<std::string>> LrmdClient::types(const std::string& rclass,
                                                   const std::string& provider) {
  proto::lrmd::Reply reply;
  if (auto r = call(msg::list_types, class_query(rclass, "", provider), reply); !r) return r;
  return items(reply);
}

Result<std::vector<std::string>> LrmdClient::providers(const std::string& rclass,
                                                       const std::string& type) {
  proto::lrmd::Reply reply;
  if (auto r = call(msg::list_providers, class_query(rclass, type, ""), reply); !r)
    return r;
  return items(reply);
}

Result<std::string> LrmdClient::metadata(const std::string& rclass, const std::string& type,
                                         const std::string& provider) {
  proto::lrmd::Reply reply;
  if (auto r = call(msg::metadata, class_query(rclass, type, provider), reply); !r)
    return r;
  return reply.text();
}

Status LrmdClient::set_param(const std::string& name, const std::string& value) {
  proto::lrmd::ParamRequest r;
  r.set_version(kProtocolVersion);
  r.set_name(name);
  r.set_value(value);
  proto::lrmd::Reply reply;
  return call(msg::set_param, r, reply);
}

Result<std::string> LrmdClient::get_param(const std::string& name) {
  proto::lrmd::ParamRequest r;
  r.set_version(kProtocolVersion);
  r.set_name(name);
  proto::lrmd::Reply reply;
  if (auto res = call(msg::get_param, r, reply); !res) return res;
  return reply.text();
}

Result<OperationResult> LrmdClient::wait_for_result(int call_id, Millis timeout) {
  auto deadline = loop_.clock().monotonic() + timeout;
  while (!arrived_.contains(call_id)) {
    if (!ipc_->connected()) break;
    auto now = loop_.clock().monotonic();
    if (now >= deadline) break;
    Status step = loop_.run_once(std::min(Millis(100), std::chrono::duration_cast<Millis>(deadline - now)));
    if (!step) return step;
  }
  auto it = arrived_.find(call_id);
  if (it == arrived_.end())
    return Status::error(ipc_->connected()
                             ? fmt::format("no result for call {} within {} ms", call_id, timeout.count())
                             : "lost the connection to lrmd");
  OperationResult result = std::move(it->second);
  arrived_.erase(it);
  return result;
}

}  // namespace pacer::lrmd
