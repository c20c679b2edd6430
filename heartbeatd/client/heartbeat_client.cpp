#include "heartbeatd/client/heartbeat_client.h"

#include <thread>

#include "common/ipc/ipc_message.h"

namespace pacer::heartbeat {

Result<std::unique_ptr<HeartbeatClient>> HeartbeatClient::connect(ipc::EventLoop& loop,
                                                                  const std::string& client_name,
                                                                  const std::string& service) {
  ipc::IpcClientOptions options;
  options.max_frame = 8 << 20;
  options.log = [](std::string_view) {};  // the caller reports failures through Results
  auto ipc = ipc::IpcClient::connect(loop, service, options);
  if (!ipc) return ipc.status().with_context("cannot connect to heartbeatd (is it running?)");
  std::unique_ptr<HeartbeatClient> client(new HeartbeatClient());
  client->ipc_ = std::move(*ipc);
  client->name_ = client_name;
  proto::hbapi::SignOn signon;
  signon.set_client_name(client_name);
  auto reply = client->ipc_->request(ipc::make_message("signon", signon), Millis(5000));
  if (!reply) return reply.status().with_context(fmt::format("signon as {}", client_name));
  auto identity = ipc::parse_payload<proto::hbapi::SignOnReply>(*reply);
  if (!identity) return identity.status();
  client->identity_ = std::move(*identity);
  HeartbeatClient* self = client.get();
  client->ipc_->on_event([self](const ipc::IpcMessage& event) { self->dispatch(event); });
  return client;
}

void HeartbeatClient::on_disconnect(std::function<void(const Status&)> cb) {
  ipc_->on_disconnect(std::move(cb));
}

void HeartbeatClient::dispatch(const ipc::IpcMessage& event) {
  if (event.type == "message" && on_message_) {
    if (auto m = ipc::parse_payload<proto::hbapi::Delivered>(event)) on_message_(*m);
  } else if (event.type == "node_status" && on_node_) {
    if (auto m = ipc::parse_payload<proto::hbapi::NodeStatus>(event)) on_node_(*m);
  } else if (event.type == "link_status" && on_link_) {
    if (auto m = ipc::parse_payload<proto::hbapi::LinkStatus>(event)) on_link_(*m);
  } else if (event.type == "membership" && on_membership_) {
    if (auto m = ipc::parse_payload<proto::hbapi::Membership>(event)) on_membership_(*m);
  }
}

Status HeartbeatClient::send(const std::string& to_node, const std::string& to_client,
                             std::string_view data, Millis timeout) {
  proto::hbapi::Send send;
  send.set_to_node(to_node);
  send.set_to_client(to_client);
  send.set_data(std::string(data));
  auto message = ipc::make_message("send", send);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto reply = ipc_->request(message, timeout);
    if (!reply) return reply.status().with_context("send");
    auto parsed = ipc::parse_payload<proto::hbapi::SendReply>(*reply);
    if (!parsed) return parsed.status();
    if (parsed->accepted()) return Status::ok();
    bool backpressure = parsed->error().find("queue full") != std::string::npos;
    if (!backpressure || std::chrono::steady_clock::now() >= deadline)
      return Status::error(fmt::format("send to {}:{}: {}", to_node.empty() ? "*" : to_node,
                                       to_client, parsed->error()));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

Result<proto::hbapi::StatusReply> HeartbeatClient::status(Millis timeout) {
  auto reply = ipc_->request(ipc::make_message("status", proto::hbapi::StatusRequest{}), timeout);
  if (!reply) return reply.status().with_context("status");
  return ipc::parse_payload<proto::hbapi::StatusReply>(*reply);
}

Result<std::string> HeartbeatClient::client_status(const std::string& node,
                                                   const std::string& client, Millis timeout) {
  proto::hbapi::ClientStatusRequest request;
  request.set_node(node);
  request.set_client(client);
  request.set_timeout_ms(static_cast<uint32_t>(timeout.count()));
  auto reply = ipc_->request(ipc::make_message("clientstatus", request), timeout + Millis(1000));
  if (!reply) return reply.status().with_context("clientstatus");
  auto parsed = ipc::parse_payload<proto::hbapi::ClientStatusReply>(*reply);
  if (!parsed) return parsed.status();
  if (parsed->status().empty())
    return Status::error(fmt::format("node {} did not answer within {} ms", node, timeout.count()));
  return parsed->status();
}

Status HeartbeatClient::set_membership(const proto::hbapi::Membership& membership) {
  auto reply = ipc_->request(ipc::make_message("set_membership", membership), Millis(5000));
  return reply ? Status::ok() : reply.status();
}

}  // namespace pacer::heartbeat
