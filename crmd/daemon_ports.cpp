// The daemon's adapters; see daemon_ports.h.
#include "crmd/daemon_ports.h"

namespace pacer::crmd {

void HeartbeatPeers::send(const std::string& to_node, const proto::crmd::CrmdMessage& message) {
  if (Status s = hb_.send(to_node, "crmd", message.SerializeAsString()); !s)
    log_.warn("send_msg_via_ha: Sending to {} failed: {}", to_node.empty() ? "all" : to_node, s.message());
}

Result<cib::CibVersion> CibClientPort::apply(const cib::CibRequest& request) {
  auto reply = client_.perform(request);
  if (!reply) return reply.status();
  return reply->version;
}

Result<std::string> CibClientPort::query() {
  cib::CibRequest request;
  request.operation = cib::CibOperation::query;
  auto reply = client_.perform(request);
  if (!reply) return reply.status();
  return reply->output;
}

Status AttrdSenderPort::update(const AttributeChange& change) {
  attrd::AttributeUpdate update;
  update.name = change.name;
  update.node = change.node;
  update.value = change.value;
  update.remove = !change.value.has_value();
  return sender_.send(update);
}

Status AttrdSenderPort::refresh() {
  auto client = attrd::AttrdClient::connect(loop_);
  if (!client) return client.status();
  return (*client)->refresh();
}

}  // namespace pacer::crmd
