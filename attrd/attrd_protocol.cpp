// Validation and Protobuf conversion of attrd's messages.
#include "attrd/attrd_protocol.h"

#include <fmt/format.h>

namespace pacer::attrd {
namespace {

bool is_name_char(unsigned char c) {
  return c > 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '<' && c != '>' && c != '&';
}

bool is_node_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

Status validate_name(std::string_view name) {
  if (name.empty()) return Status::error("attribute name is empty");
  if (name.size() > kMaxNameLength)
    return Status::error(fmt::format("attribute name is longer than {} characters", kMaxNameLength));
  for (unsigned char c : name)
    if (!is_name_char(c))
      return Status::error(fmt::format("attribute name has a forbidden character (0x{:02x})", c));
  return Status::ok();
}

Status validate_node(std::string_view node) {
  if (node.empty() || node.size() > 255) return Status::error("node name must have 1..255 characters");
  for (unsigned char c : node)
    if (!is_node_char(c))
      return Status::error(fmt::format("node name has a forbidden character (0x{:02x})", c));
  return Status::ok();
}

Status validate_value(std::string_view value) {
  if (value.size() > kMaxValueLength)
    return Status::error(fmt::format("value is longer than {} bytes", kMaxValueLength));
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f)
      return Status::error(fmt::format("value has a control character (0x{:02x})", c));
  return Status::ok();
}

Result<AttributeUpdate> update_from_proto(const proto::attrd::Update& m) {
  if (m.version() != kAttrdProtocolVersion)
    return Status::error(fmt::format("unknown attrd protocol version {}", m.version()));
  AttributeUpdate u;
  if (Status s = validate_name(m.name()); !s) return s;
  u.name = m.name();
  if (!m.node().empty()) {
    if (Status s = validate_node(m.node()); !s) return s;
    u.node = m.node();
  }
  if (m.set_value() && m.delete_value())
    return Status::error("an update cannot both set and delete a value");
  if (m.set_value()) {
    if (Status s = validate_value(m.value()); !s) return s;
    u.value = m.value();
  }
  u.remove = m.delete_value();
  if (m.set_dampen()) {
    if (m.dampen_ms() > static_cast<std::uint64_t>(kMaxDampen.count()))
      return Status::error("dampening is longer than a day");
    u.dampen = Millis(static_cast<Millis::rep>(m.dampen_ms()));
  }
  switch (m.lifetime()) {
    case proto::attrd::REBOOT: u.lifetime = Lifetime::reboot; break;
    case proto::attrd::FOREVER: u.lifetime = Lifetime::forever; break;
    default: return Status::error("unknown attribute lifetime");
  }
  if (!u.value && !u.remove && !u.dampen) return Status::error("the update changes nothing");
  return u;
}

proto::attrd::Update update_to_proto(const AttributeUpdate& u) {
  proto::attrd::Update m;
  m.set_version(kAttrdProtocolVersion);
  m.set_name(u.name);
  m.set_node(u.node);
  if (u.value) {
    m.set_set_value(true);
    m.set_value(*u.value);
  }
  m.set_delete_value(u.remove);
  if (u.dampen) {
    m.set_set_dampen(true);
    m.set_dampen_ms(static_cast<std::uint64_t>(u.dampen->count()));
  }
  m.set_lifetime(u.lifetime == Lifetime::forever ? proto::attrd::FOREVER : proto::attrd::REBOOT);
  return m;
}

Result<NodeValue> node_value_from_proto(const proto::attrd::NodeValue& m) {
  NodeValue v;
  if (Status s = validate_node(m.node()); !s) return s;
  if (Status s = validate_name(m.name()); !s) return s;
  v.node = m.node();
  v.name = m.name();
  if (m.present()) {
    if (Status s = validate_value(m.value()); !s) return s;
    v.value = m.value();
  } else if (!m.value().empty()) {
    return Status::error("an absent value has text");
  }
  return v;
}

proto::attrd::NodeValue node_value_to_proto(const NodeValue& v) {
  proto::attrd::NodeValue m;
  m.set_node(v.node);
  m.set_name(v.name);
  m.set_present(v.value.has_value());
  if (v.value) m.set_value(*v.value);
  return m;
}

std::string encode_peer_message(const PeerMessage& message) {
  proto::attrd::PeerMessage m;
  m.set_version(kAttrdProtocolVersion);
  if (const auto* u = std::get_if<AttributeUpdate>(&message))
    *m.mutable_relay() = update_to_proto(*u);
  else
    *m.mutable_announce() = node_value_to_proto(std::get<NodeValue>(message));
  return m.SerializeAsString();
}

Result<PeerMessage> decode_peer_message(std::string_view bytes) {
  if (bytes.size() > kMaxPeerMessage)
    return Status::error(fmt::format("peer message of {} bytes is over the limit", bytes.size()));
  proto::attrd::PeerMessage m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Status::error("malformed peer message");
  if (m.version() != kAttrdProtocolVersion)
    return Status::error(fmt::format("unknown attrd protocol version {}", m.version()));
  switch (m.body_case()) {
    case proto::attrd::PeerMessage::kRelay: {
      auto u = update_from_proto(m.relay());
      if (!u) return u.status();
      // A relay goes to the node that owns the attribute: it must say which.
      if (u->node.empty()) return Status::error("relayed update names no node");
      return PeerMessage(std::move(*u));
    }
    case proto::attrd::PeerMessage::kAnnounce: {
      auto v = node_value_from_proto(m.announce());
      if (!v) return v.status();
      return PeerMessage(std::move(*v));
    }
    default:
      return Status::error("peer message without a body");
  }
}

}  // namespace pacer::attrd
