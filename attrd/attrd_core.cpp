// attrd's behaviour between its client socket, its peers and the CIB; see attrd_core.h.
#include "attrd/attrd_core.h"

#include <fmt/format.h>

namespace pacer::attrd {

AttrdCore::AttrdCore(NodeIdentity self, AttrdSeams seams)
    : self_(std::move(self)),
      seams_(std::move(seams)),
      table_(seams_.timers, [this](const WriteOrder& order) { return write(order); }) {}

Status AttrdCore::client_update(AttributeUpdate update) {
  if (update.node.empty() || update.node == self_.name) {
    table_.apply(update);
    return Status::ok();
  }
  // The owner applies it: only it knows the current value a value++ adds to.
  std::string target = update.node;
  log(LogLevel::debug, fmt::format("Relaying update of {} to {}", update.name, target));
  return seams_.send_peer(target, encode_peer_message(PeerMessage(std::move(update))))
      .with_context(fmt::format("relaying to the attrd on {}", target));
}

void AttrdCore::peer_message(const std::string& from_node, std::string_view bytes) {
  auto message = decode_peer_message(bytes);
  if (!message) {
    log(LogLevel::warn, fmt::format("Dropped a message from the attrd on {}: {}", from_node,
                                    message.error_message()));
    return;
  }
  if (auto* update = std::get_if<AttributeUpdate>(&*message)) {
    if (update->node != self_.name) {
      log(LogLevel::warn, fmt::format("Dropped an update of {} for {} relayed to us by {}",
                                      update->name, update->node, from_node));
      return;
    }
    table_.apply(*update);
    return;
  }
  const auto& value = std::get<NodeValue>(*message);
  // A node speaks only for itself: the sender's name comes from heartbeatd, not the message.
  if (value.node != from_node || from_node == self_.name) return;
  if (value.value)
    peers_[from_node][value.name] = *value.value;
  else
    peers_[from_node].erase(value.name);
}

void AttrdCore::peer_lost(const std::string& node) { peers_.erase(node); }

void AttrdCore::announce_all(const std::string& node) {
  for (const auto& [name, value] : table_.values()) {
    Status s = seams_.send_peer(node, encode_peer_message(PeerMessage(NodeValue{self_.name, name, value})));
    if (!s) {
      log(LogLevel::debug, fmt::format("Could not announce {} to {}: {}", name, node.empty() ? "peers" : node,
                                       s.message()));
      return;
    }
  }
}

void AttrdCore::load(const std::map<std::string, std::string>& transient) {
  for (const auto& [name, value] : transient) table_.load(name, value, Lifetime::reboot);
}

NodeValue AttrdCore::query(const std::string& name, const std::string& node) const {
  if (node.empty() || node == self_.name) return NodeValue{self_.name, name, table_.value(name)};
  NodeValue out{node, name, std::nullopt};
  if (auto it = peers_.find(node); it != peers_.end())
    if (auto v = it->second.find(name); v != it->second.end()) out.value = v->second;
  return out;
}

Status AttrdCore::write(const WriteOrder& order) {
  int call = next_call_++;
  cib::CibRequest request = order.value
                                ? write_request(self_, order.name, *order.value, order.lifetime)
                                : delete_request(self_, order.name, order.lifetime);
  const char* section = order.lifetime == Lifetime::reboot ? "status" : "nodes";
  // pm_logconv's rules 22-1 and 22-2 read these two lines.
  if (order.value)
    log(LogLevel::info,
        fmt::format("attrd_perform_update: Sent update {}: {}={}", call, order.name, *order.value));
  else
    log(LogLevel::info,
        fmt::format("attrd_perform_update: Sent delete {}: node={}, attr={}, id={}, set={}, section={}",
                    call, self_.uuid, order.name, nvpair_id(self_, order.name, order.lifetime),
                    fmt::format("{}-{}", section, self_.uuid), section));
  Status done = seams_.cib(request);
  if (!done) {
    log(LogLevel::error, fmt::format("attrd_perform_update: Update {} for {} failed: {}", call,
                                     order.name, done.message()));
    return done;
  }
  NodeValue announced{self_.name, order.name, order.value};
  if (Status s = seams_.send_peer("", encode_peer_message(PeerMessage(announced))); !s)
    log(LogLevel::warn, fmt::format("Could not tell the other attrds about {}: {}", order.name, s.message()));
  return Status::ok();
}

}  // namespace pacer::attrd
