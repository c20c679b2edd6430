// The handlers of attrd's IPC service.
#include "attrd/attrd_service.h"

#include "common/ipc/ipc_message.h"

namespace pacer::attrd {

void register_attrd_handlers(ipc::IpcServer& server, AttrdCore& core) {
  server.handle(kUpdateType, [&core](const ipc::IpcRequest& request)
                                 -> Result<std::optional<ipc::IpcMessage>> {
    auto message = ipc::parse_payload<proto::attrd::Update>(request.message);
    if (!message) return message.status();
    auto update = update_from_proto(*message);
    if (!update) return update.status();
    Status done = core.client_update(std::move(*update));
    proto::attrd::Reply reply;
    reply.set_ok(done.is_ok());
    if (!done) reply.set_error(done.message());
    return std::optional(ipc::make_message(kReplyType, reply));
  });
  server.handle(kRefreshType, [&core](const ipc::IpcRequest& request)
                                  -> Result<std::optional<ipc::IpcMessage>> {
    auto message = ipc::parse_payload<proto::attrd::Refresh>(request.message);
    if (!message) return message.status();
    if (message->version() != kAttrdProtocolVersion) return Status::error("unknown attrd protocol version");
    core.refresh();
    proto::attrd::Reply reply;
    reply.set_ok(true);
    return std::optional(ipc::make_message(kReplyType, reply));
  });
  server.handle(kQueryType, [&core](const ipc::IpcRequest& request)
                                -> Result<std::optional<ipc::IpcMessage>> {
    auto message = ipc::parse_payload<proto::attrd::Query>(request.message);
    if (!message) return message.status();
    if (message->version() != kAttrdProtocolVersion) return Status::error("unknown attrd protocol version");
    if (Status s = validate_name(message->name()); !s) return s;
    if (!message->node().empty())
      if (Status s = validate_node(message->node()); !s) return s;
    proto::attrd::QueryReply reply;
    *reply.add_values() = node_value_to_proto(core.query(message->name(), message->node()));
    return std::optional(ipc::make_message(kQueryReplyType, reply));
  });
}

}  // namespace pacer::attrd
