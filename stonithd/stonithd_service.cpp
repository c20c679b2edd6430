// The handlers of stonithd's IPC service.
#include "stonithd/stonithd_service.h"

#include <fmt/format.h>

#include "common/ipc/ipc_message.h"
#include "stonithd/stonithd_protocol.h"

namespace pacer::stonithd {
namespace {

namespace pb = proto::stonithd;
using HandlerResult = Result<std::optional<ipc::IpcMessage>>;

template <typename Message>
Result<Message> parse_versioned(const ipc::IpcRequest& request) {
  auto message = ipc::parse_payload<Message>(request.message);
  if (!message) return message.status();
  if (message->version() != kStonithdProtocolVersion)
    return Status::error(fmt::format("{}: unknown stonithd protocol version", request.message.type));
  return message;
}

Status root_only(const ipc::IpcRequest& request) {
  if (request.peer.uid != 0)
    return Status::error(fmt::format("{} from uid {}: devices are root's", request.message.type, request.peer.uid));
  return Status::ok();
}

}  // namespace

void register_stonithd_handlers(ipc::IpcServer& server, Fencer& fencer) {
  ipc::IpcServer* srv = &server;
  auto deferred_reply = [srv](ipc::ReplyTo to) {
    return [srv, to](const pb::Reply& reply) { (void)srv->reply(to, ipc::make_message(kReplyType, reply)); };
  };
  server.handle(kRegisterType, [&fencer, deferred_reply](const ipc::IpcRequest& request) -> HandlerResult {
    if (auto s = root_only(request); !s) return s;
    auto m = parse_versioned<pb::RegisterRequest>(request);
    if (!m) return m.status();
    std::map<std::string, std::string> params(m->device().params().begin(), m->device().params().end());
    auto device = make_device(m->device().id(), m->device().type(), std::move(params));
    if (!device) {
      pb::Reply r;
      r.set_rc(2);
      r.set_error(device.error_message());
      return std::optional(ipc::make_message(kReplyType, r));
    }
    fencer.register_device(std::move(*device), deferred_reply(request.reply_to));
    return std::optional<ipc::IpcMessage>();
  });
  server.handle(kUnregisterType, [&fencer](const ipc::IpcRequest& request) -> HandlerResult {
    if (auto s = root_only(request); !s) return s;
    auto m = parse_versioned<pb::DeviceRequest>(request);
    if (!m) return m.status();
    return std::optional(ipc::make_message(kReplyType, fencer.unregister_device(m->id())));
  });
  server.handle(kStatusType, [&fencer, deferred_reply](const ipc::IpcRequest& request) -> HandlerResult {
    auto m = parse_versioned<pb::DeviceRequest>(request);
    if (!m) return m.status();
    fencer.device_status(m->id(), deferred_reply(request.reply_to));
    return std::optional<ipc::IpcMessage>();
  });
  server.handle(kFenceType, [&fencer, srv](const ipc::IpcRequest& request) -> HandlerResult {
    auto m = parse_versioned<pb::FenceRequest>(request);
    if (!m) return m.status();
    if (auto s = validate_node(m->target()); !s) return s;
    if (!pb::Action_IsValid(m->action())) return Status::error("fence: bad action");
    Millis timeout = m->timeout_ms() ? Millis(static_cast<Millis::rep>(std::min<std::uint64_t>(
                                           m->timeout_ms(), 24ULL * 3600 * 1000)))
                                     : kDefaultFenceTimeout;
    std::string client = m->client().substr(0, 64);
    if (client.empty()) client = fmt::format("pid {}", request.peer.pid);
    fencer.fence(m->target(), action_from_proto(m->action()), timeout, client,
                 [srv, to = request.reply_to](const FenceOutcome& outcome) {
                   pb::FenceReply reply;
                   reply.set_ok(outcome.ok);
                   reply.set_timed_out(outcome.timed_out);
                   reply.set_executioner(outcome.executioner);
                   reply.set_error(outcome.detail);
                   (void)srv->reply(to, ipc::make_message(kFenceReplyType, reply));
                 });
    return std::optional<ipc::IpcMessage>();
  });
  server.handle(kListType, [&fencer](const ipc::IpcRequest& request) -> HandlerResult {
    auto m = parse_versioned<pb::ListRequest>(request);
    if (!m) return m.status();
    if (!m->target().empty())
      if (auto s = validate_node(m->target()); !s) return s;
    pb::ListReply reply;
    for (auto& d : fencer.devices(m->target())) *reply.add_devices() = std::move(d);
    return std::optional(ipc::make_message(kListReplyType, reply));
  });
  server.handle(kHistoryType, [&fencer](const ipc::IpcRequest& request) -> HandlerResult {
    auto m = parse_versioned<pb::HistoryRequest>(request);
    if (!m) return m.status();
    if (!m->target().empty())
      if (auto s = validate_node(m->target()); !s) return s;
    pb::HistoryReply reply;
    for (auto& e : fencer.history(m->target())) *reply.add_entries() = std::move(e);
    return std::optional(ipc::make_message(kHistoryReplyType, reply));
  });
}

}  // namespace pacer::stonithd
