// The attrd client library.
#include "attrd/client/attrd_client.h"

#include <cstdlib>

#include <fmt/format.h>

#include "attrd/attrd_service.h"
#include "common/clock.h"
#include "common/ipc/event_loop.h"

namespace pacer::attrd {

Result<std::unique_ptr<AttrdClient>> AttrdClient::connect(ipc::EventLoop& loop, std::string service) {
  if (service.empty()) {
    const char* env = std::getenv("PACER_ATTRD_SERVICE");
    service = env != nullptr && *env != '\0' ? env : kAttrdServiceName;
  }
  ipc::IpcClientOptions options;
  options.log = [](std::string_view) {};  // tools report the failure themselves
  auto ipc = ipc::IpcClient::connect(loop, service, options);
  if (!ipc) return ipc.status().with_context(fmt::format("connecting to attrd ({})", service));
  return std::unique_ptr<AttrdClient>(new AttrdClient(std::move(*ipc)));
}

Status AttrdClient::update(const AttributeUpdate& update, Millis timeout) {
  auto answer = ipc_->request(ipc::make_message(kUpdateType, update_to_proto(update)), timeout);
  if (!answer) return answer.status();
  auto reply = ipc::parse_payload<proto::attrd::Reply>(*answer);
  if (!reply) return reply.status();
  if (!reply->ok()) return Status::error(reply->error());
  return Status::ok();
}

Status AttrdClient::refresh(Millis timeout) {
  proto::attrd::Refresh r;
  r.set_version(kAttrdProtocolVersion);
  auto answer = ipc_->request(ipc::make_message(kRefreshType, r), timeout);
  if (!answer) return answer.status();
  auto reply = ipc::parse_payload<proto::attrd::Reply>(*answer);
  if (!reply) return reply.status();
  if (!reply->ok()) return Status::error(reply->error());
  return Status::ok();
}

Result<NodeValue> AttrdClient::query(const std::string& name, const std::string& node, Millis timeout) {
  proto::attrd::Query q;
  q.set_version(kAttrdProtocolVersion);
  q.set_name(name);
  q.set_node(node);
  auto answer = ipc_->request(ipc::make_message(kQueryType, q), timeout);
  if (!answer) return answer.status();
  auto reply = ipc::parse_payload<proto::attrd::QueryReply>(*answer);
  if (!reply) return reply.status();
  if (reply->values_size() != 1) return Status::error("attrd answered a query with no value");
  return node_value_from_proto(reply->values(0));
}

Status AttributeSender::send(const AttributeUpdate& update) {
  reconnected_ = false;
  if (client_ && !client_->connected()) client_.reset();
  if (!client_) {
    auto c = AttrdClient::connect(loop_, service_);
    if (!c) return c.status();
    client_ = std::move(*c);
    reconnected_ = true;
  }
  Status s = client_->update(update);
  // Whatever went wrong, the next send starts from a fresh connection.
  if (!s) client_.reset();
  return s;
}

Status delete_attribute(const std::string& name, const std::string& node) {
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return loop.status();
  auto client = AttrdClient::connect(**loop);
  if (!client) return client.status();
  AttributeUpdate update;
  update.name = name;
  update.node = node;
  update.remove = true;
  return (*client)->update(update);
}

}  // namespace pacer::attrd
