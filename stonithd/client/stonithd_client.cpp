// The stonithd client library.
#include "stonithd/client/stonithd_client.h"

#include <cstdlib>

#include <fmt/format.h>

#include "common/ipc/ipc_message.h"
#include "stonithd/stonithd_protocol.h"

namespace pacer::stonithd {
namespace {

namespace pb = proto::stonithd;

template <typename Reply, typename Request>
Result<Reply> call(ipc::IpcClient& ipc, const char* type, const char* reply_type, const Request& request,
                   Millis timeout) {
  auto reply = ipc.request(ipc::make_message(type, request), timeout);
  if (!reply) return reply.status().with_context(type);
  if (reply->type != reply_type)
    return Status::error(fmt::format("{}: unexpected reply '{}'", type, reply->type));
  return ipc::parse_payload<Reply>(*reply);
}

}  // namespace

Result<std::unique_ptr<StonithdClient>> StonithdClient::connect(ipc::EventLoop& loop, std::string service) {
  if (service.empty()) {
    const char* env = std::getenv("PACER_STONITHD_SERVICE");
    service = env && *env ? env : kStonithdServiceName;
  }
  ipc::IpcClientOptions options;
  options.log = [](std::string_view) {};
  auto ipc = ipc::IpcClient::connect(loop, service, options);
  if (!ipc) return ipc.status().with_context("connecting to stonithd");
  std::unique_ptr<StonithdClient> client(new StonithdClient(std::move(*ipc)));
  StonithdClient* self = client.get();
  self->ipc_->on_event([self](const ipc::IpcMessage& event) {
    if (event.type != kFencedEvent || !self->on_fenced_) return;
    if (auto entry = ipc::parse_payload<pb::HistoryEntry>(event)) self->on_fenced_(*entry);
  });
  return client;
}

Result<pb::Reply> StonithdClient::register_device(const std::string& id, const std::string& type,
                                                  const std::map<std::string, std::string>& params,
                                                  Millis timeout) {
  pb::RegisterRequest r;
  r.set_version(kStonithdProtocolVersion);
  r.mutable_device()->set_id(id);
  r.mutable_device()->set_type(type);
  for (const auto& [k, v] : params) (*r.mutable_device()->mutable_params())[k] = v;
  return call<pb::Reply>(*ipc_, kRegisterType, kReplyType, r, timeout);
}

Result<pb::Reply> StonithdClient::unregister_device(const std::string& id, Millis timeout) {
  pb::DeviceRequest r;
  r.set_version(kStonithdProtocolVersion);
  r.set_id(id);
  return call<pb::Reply>(*ipc_, kUnregisterType, kReplyType, r, timeout);
}

Result<pb::Reply> StonithdClient::device_status(const std::string& id, Millis timeout) {
  pb::DeviceRequest r;
  r.set_version(kStonithdProtocolVersion);
  r.set_id(id);
  return call<pb::Reply>(*ipc_, kStatusType, kReplyType, r, timeout);
}

Result<pb::FenceReply> StonithdClient::fence(const std::string& target, FenceAction action, Millis timeout,
                                             const std::string& client_name) {
  pb::FenceRequest r;
  r.set_version(kStonithdProtocolVersion);
  r.set_target(target);
  r.set_action(action_to_proto(action));
  r.set_timeout_ms(static_cast<std::uint64_t>(timeout.count()));
  r.set_client(client_name);
  return call<pb::FenceReply>(*ipc_, kFenceType, kFenceReplyType, r, timeout + Millis(5000));
}

Status StonithdClient::fence_async(const std::string& target, FenceAction action, Millis timeout,
                                   const std::string& client_name,
                                   std::function<void(Result<pb::FenceReply>)> done) {
  pb::FenceRequest r;
  r.set_version(kStonithdProtocolVersion);
  r.set_target(target);
  r.set_action(action_to_proto(action));
  r.set_timeout_ms(static_cast<std::uint64_t>(timeout.count()));
  r.set_client(client_name);
  return ipc_->send_async(ipc::make_message(kFenceType, r), [done](Result<ipc::IpcMessage> reply) {
    if (!reply) return done(reply.status());
    if (reply->type != kFenceReplyType)
      return done(Status::error(fmt::format("stonithd.fence: unexpected reply '{}'", reply->type)));
    done(ipc::parse_payload<pb::FenceReply>(*reply));
  });
}

Result<std::vector<pb::DeviceInfo>> StonithdClient::list(const std::string& target) {
  pb::ListRequest r;
  r.set_version(kStonithdProtocolVersion);
  r.set_target(target);
  auto reply = call<pb::ListReply>(*ipc_, kListType, kListReplyType, r, Millis(10000));
  if (!reply) return reply.status();
  return std::vector<pb::DeviceInfo>(reply->devices().begin(), reply->devices().end());
}

Result<std::vector<pb::HistoryEntry>> StonithdClient::history(const std::string& target) {
  pb::HistoryRequest r;
  r.set_version(kStonithdProtocolVersion);
  r.set_target(target);
  auto reply = call<pb::HistoryReply>(*ipc_, kHistoryType, kHistoryReplyType, r, Millis(10000));
  if (!reply) return reply.status();
  return std::vector<pb::HistoryEntry>(reply->entries().begin(), reply->entries().end());
}

}  // namespace pacer::stonithd
