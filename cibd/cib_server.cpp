// The request and subscribe handlers, and fan-out of change notifications.
#include "cibd/cib_server.h"

#include <malloc.h>

#include "cibd/cib_protocol.h"
#include "common/ipc/ipc_message.h"

namespace pacer::cib {

Result<std::unique_ptr<CibServer>> CibServer::start(ipc::EventLoop& loop, CibStore& store,
                                                    ipc::IpcServerOptions options) {
  auto self = std::make_unique<CibServer>(Private{}, store);
  CibServer* raw = self.get();
  auto user_disconnect = options.on_disconnect;
  options.on_disconnect = [raw, user_disconnect](ipc::ConnectionId id) {
    raw->subscribers_.erase(id);
    if (user_disconnect) user_disconnect(id);
  };
  auto server = ipc::IpcServer::start(loop, std::move(options));
  if (!server) return server.status();
  self->server_ = std::move(*server);

  self->server_->handle(kCibRequestType, [raw](const ipc::IpcRequest& request)
                                             -> Result<std::optional<ipc::IpcMessage>> {
    auto parsed = ipc::parse_payload<proto::CibRequest>(request.message);
    if (!parsed) return parsed.status();  // protocol violation: the connection is closed
    auto cib_request = from_proto(*parsed);
    if (cib_request && raw->submit_) {
      // The answer may come now (master, query) or after a round trip to the master: a result
      // produced while still in this handler is returned, a later one sent through reply().
      auto state = std::make_shared<std::pair<bool, std::optional<Result<CibReplyData>>>>(true, std::nullopt);
      ipc::ReplyTo to = request.reply_to;
      raw->submit_(*cib_request, [raw, state, to](Result<CibReplyData> result) {
        if (state->first) {
          state->second.emplace(std::move(result));
        } else if (to.request_id != 0 || to.as_event) {
          (void)raw->server_->reply(to, ipc::make_message(kCibReplyType, reply_to_proto(result)));
        }
      });
      state->first = false;
      if (!state->second) return std::optional<ipc::IpcMessage>();
      return std::optional(ipc::make_message(kCibReplyType, reply_to_proto(*state->second)));
    }
    Result<CibReplyData> result =
        cib_request ? raw->store_.apply(*cib_request) : Result<CibReplyData>(cib_request.status());
    auto reply = ipc::make_message(kCibReplyType, reply_to_proto(result));
    // A whole-CIB replace or query passes through several transient copies of the document; hand
    // their memory back to the system so the daemon's RSS is its live CIB, not its peak.
    constexpr std::size_t kLarge = 1u << 20;
    if ((cib_request && cib_request->data.size() > kLarge) || (result && result->output.size() > kLarge))
      malloc_trim(0);
    return std::optional(std::move(reply));
  });
  self->server_->handle(kCibSubscribeType, [raw](const ipc::IpcRequest& request)
                                               -> Result<std::optional<ipc::IpcMessage>> {
    auto parsed = ipc::parse_payload<proto::CibSubscribe>(request.message);
    if (!parsed) return parsed.status();
    raw->subscribers_.insert(request.connection);
    proto::CibSubscribeReply reply;
    reply.set_version(kCibProtocolVersion);
    reply.set_sequence(raw->store_.sequence());
    *reply.mutable_cib_version() = to_proto(raw->store_.version());
    return std::optional(ipc::make_message(kCibSubscribeType, reply));
  });
  store.set_listener([raw](const CibChange& change) { raw->notify(change); });
  return self;
}

CibServer::~CibServer() { store_.set_listener(nullptr); }

void CibServer::notify(const CibChange& change) {
  if (subscribers_.empty()) return;
  ipc::IpcMessage event = ipc::make_message(kCibNotifyType, to_proto(change));
  // Copy: a failed push may disconnect a subscriber, which edits the set.
  std::set<ipc::ConnectionId> targets = subscribers_;
  for (ipc::ConnectionId id : targets)
    if (!server_->push(id, event)) subscribers_.erase(id);
}

}  // namespace pacer::cib
