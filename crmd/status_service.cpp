// crmd's local IPC service; see status_service.h.
#include "crmd/status_service.h"

#include <fmt/format.h>

#include "common/ipc/peer_policy.h"

namespace pacer::crmd {

proto::crmd::CrmdStatus status_of(const Controller& controller) {
  proto::crmd::CrmdStatus status;
  status.set_node(controller.config().node);
  status.set_state(std::string(to_string(controller.state())));
  status.set_dc(controller.dc());
  for (const auto& m : controller.members()) status.add_members(m);
  return status;
}

Result<std::unique_ptr<StatusService>> StatusService::start(ipc::EventLoop& loop, const std::string& name,
                                                            Controller& controller, ipc::IpcLogger log) {
  auto policy = ipc::root_or_named_group_policy("haclient");
  if (!policy) {
    policy = ipc::PeerPolicy([](const ipc::PeerCredentials& peer) {
      return peer.uid == 0 ? Status::ok() : Status::error(fmt::format("uid {} is not root", peer.uid));
    });
  }
  ipc::IpcServerOptions options;
  options.name = name;
  options.policy = std::move(*policy);
  options.log = std::move(log);
  auto server = ipc::IpcServer::start(loop, std::move(options));
  if (!server) return server.status();
  auto service = std::unique_ptr<StatusService>(new StatusService(loop, controller));
  service->server_ = std::move(*server);
  StatusService* self = service.get();
  self->server_->handle("crmd.status", [self](const ipc::IpcRequest& r) { return self->handle(r); });
  self->server_->handle("crmd.fail", [self](const ipc::IpcRequest& r) { return self->handle_fail(r); });
  controller.on_status_answer = [self](const std::string& from, const proto::crmd::StatusAnswer& a) {
    self->answered(from, a);
  };
  return service;
}

Result<std::optional<ipc::IpcMessage>> StatusService::handle(const ipc::IpcRequest& request) {
  auto question = ipc::parse_payload<proto::crmd::CrmdStatusRequest>(request.message);
  if (!question) return question.status();
  const std::string& node = question->node();
  if (node.empty() || node == controller_.config().node)
    return std::optional<ipc::IpcMessage>(ipc::make_message("crmd.status_reply", status_of(controller_)));
  if (!controller_.members().contains(node)) return Status::error(fmt::format("{} is not a member", node));
  std::uint64_t id = next_id_++;
  ipc::TimerId timer = loop_.add_timer(Millis(10000), [this, id] {
    auto it = pending_.find(id);
    if (it == pending_.end()) return;
    proto::crmd::CrmdStatus none;
    none.set_node(it->second.node);
    (void)server_->reply(it->second.reply_to, ipc::make_message("crmd.status_reply", none));
    pending_.erase(it);
  });
  pending_[id] = Pending{request.reply_to, node, timer};
  controller_.query_status(node, id);
  return std::optional<ipc::IpcMessage>();
}

Result<std::optional<ipc::IpcMessage>> StatusService::handle_fail(const ipc::IpcRequest& request) {
  auto ask = ipc::parse_payload<proto::crmd::CrmdFailRequest>(request.message);
  if (!ask) return ask.status();
  proto::crmd::CrmdFailReply reply;
  if (Status s = controller_.fail_resource(ask->rsc(), ask->node()); !s) reply.set_error(s.message());
  return std::optional<ipc::IpcMessage>(ipc::make_message("crmd.fail_reply", reply));
}

void StatusService::answered(const std::string& from, const proto::crmd::StatusAnswer& answer) {
  auto it = pending_.find(answer.id());
  if (it == pending_.end() || it->second.node != from) return;
  loop_.cancel_timer(it->second.timer);
  proto::crmd::CrmdStatus status;
  status.set_node(from);
  status.set_state(answer.state());
  status.set_dc(answer.dc());
  (void)server_->reply(it->second.reply_to, ipc::make_message("crmd.status_reply", status));
  pending_.erase(it);
}

}  // namespace pacer::crmd
