#include "heartbeatd/api_server.h"

#include "common/ipc/ipc_message.h"

namespace pacer::heartbeat {

using ipc::IpcMessage;
using ipc::IpcRequest;
using Reply = Result<std::optional<IpcMessage>>;

Result<std::unique_ptr<ApiServer>> ApiServer::start(ipc::EventLoop& loop,
                                                    const config::HaConfig& config,
                                                    ApiBackend& backend, Logger& log,
                                                    AccountLookup accounts, std::string service) {
  auto api = std::make_unique<ApiServer>(Private{}, config, backend, log, std::move(accounts));
  ApiServer* self = api.get();
  ipc::IpcServerOptions options;
  options.name = std::move(service);
  options.policy = ipc::cluster_peer_policy([&log](std::string_view w) { log.warn("{}", w); });
  options.max_frame = 8 << 20;  // a 5 MB CIB travels through here
  options.on_disconnect = [self](ipc::ConnectionId id) {
    auto it = self->clients_.find(id);
    if (it == self->clients_.end()) return;
    self->log_.debug("client {} (pid {}) signed off", it->second.name, it->second.peer.pid);
    self->clients_.erase(it);
  };
  options.log = [self](std::string_view line) { self->log_.warn("{}", line); };
  auto server = ipc::IpcServer::start(loop, std::move(options));
  if (!server) return server.status().with_context("heartbeat API");
  api->server_ = std::move(*server);
  api->install_handlers();
  return api;
}

ApiServer::ApiServer(Private, const config::HaConfig& config, ApiBackend& backend, Logger& log,
                     AccountLookup accounts)
    : config_(config), backend_(backend), log_(log), accounts_(std::move(accounts)) {}

Result<const ApiServer::Client*> ApiServer::signed_on(const IpcRequest& request) const {
  auto it = clients_.find(request.connection);
  if (it == clients_.end())
    return Status::error(fmt::format("'{}' before signon", request.message.type));
  return &it->second;
}

void ApiServer::install_handlers() {
  server_->handle("signon", [this](const IpcRequest& r) -> Reply {
    auto signon = ipc::parse_payload<proto::hbapi::SignOn>(r.message);
    if (!signon) return signon.status();
    if (clients_.count(r.connection)) return Status::error("signed on twice");
    const std::string& name = signon->client_name();
    if (name.empty() || name.size() > 64 || name.rfind("__", 0) == 0)
      return Status::error("bad client name");
    if (auto ok = authorize_signon(config_, name, r.peer.uid, r.peer.gid, accounts_); !ok)
      return ok;
    clients_[r.connection] = Client{name, r.peer};
    log_.debug("client {} (pid {}) signed on", name, r.peer.pid);
    return std::optional(ipc::make_message("signon", backend_.identity()));
  });

  server_->handle("send", [this](const IpcRequest& r) -> Reply {
    auto client = signed_on(r);
    if (!client) return client.status();
    auto send = ipc::parse_payload<proto::hbapi::Send>(r.message);
    if (!send) return send.status();
    proto::hbapi::SendReply reply;
    Status sent = backend_.send_to_cluster(send->to_node(), send->to_client(), send->data());
    reply.set_accepted(sent.is_ok());
    if (!sent) reply.set_error(sent.message());
    if (r.reply_to.request_id == 0) return std::optional<IpcMessage>();
    return std::optional(ipc::make_message("send", reply));
  });

  server_->handle("status", [this](const IpcRequest& r) -> Reply {
    auto client = signed_on(r);
    if (!client) return client.status();
    auto reply = backend_.status();
    for (auto& c : clients()) *reply.add_clients() = c;
    return std::optional(ipc::make_message("status", reply));
  });

  server_->handle("clientstatus", [this](const IpcRequest& r) -> Reply {
    auto client = signed_on(r);
    if (!client) return client.status();
    auto request = ipc::parse_payload<proto::hbapi::ClientStatusRequest>(r.message);
    if (!request) return request.status();
    backend_.client_status(*request, r.reply_to);
    return std::optional<IpcMessage>();
  });

  server_->handle("set_membership", [this](const IpcRequest& r) -> Reply {
    auto client = signed_on(r);
    if (!client) return client.status();
    if ((*client)->name != "ccm") return Status::error("set_membership from a client that is not ccm");
    auto membership = ipc::parse_payload<proto::hbapi::Membership>(r.message);
    if (!membership) return membership.status();
    backend_.set_membership(*membership);
    if (r.reply_to.request_id == 0) return std::optional<IpcMessage>();
    return std::optional(ipc::make_message("set_membership", proto::hbapi::Empty{}));
  });
}

void ApiServer::deliver(const DeliveredMessage& message) {
  proto::hbapi::Delivered event;
  event.set_from_node(message.from_node);
  event.set_to_client(message.client);
  event.set_data(message.data);
  IpcMessage ipc_message = ipc::make_message("message", event);
  for (const auto& [id, client] : clients_)
    if (client.name == message.client) (void)server_->push(id, ipc_message);
}

void ApiServer::publish(const std::string& type, const google::protobuf::Message& event) {
  IpcMessage message{type, event.SerializeAsString()};
  for (const auto& [id, client] : clients_) (void)server_->push(id, message);
}

bool ApiServer::has_client(const std::string& name) const {
  for (const auto& [id, client] : clients_)
    if (client.name == name) return true;
  return false;
}

void ApiServer::answer_client_status(const ipc::ReplyTo& to, const std::string& status) {
  proto::hbapi::ClientStatusReply reply;
  reply.set_status(status);
  (void)server_->reply(to, ipc::make_message("clientstatus", reply));
}

std::vector<proto::hbapi::ClientInfo> ApiServer::clients() const {
  std::vector<proto::hbapi::ClientInfo> out;
  for (const auto& [id, client] : clients_) {
    proto::hbapi::ClientInfo info;
    info.set_name(client.name);
    info.set_pid(static_cast<uint32_t>(client.peer.pid));
    info.set_uid(client.peer.uid);
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace pacer::heartbeat
