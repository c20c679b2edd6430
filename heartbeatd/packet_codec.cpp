#include "heartbeatd/packet_codec.h"

#include "heartbeatd/packet_digest.h"

namespace pacer::heartbeat {

std::string_view to_string(DropReason reason) {
  switch (reason) {
    case DropReason::too_large: return "too large";
    case DropReason::malformed: return "malformed";
    case DropReason::unknown_key: return "unknown key";
    case DropReason::bad_digest: return "bad digest";
    case DropReason::bad_version: return "unknown version";
    case DropReason::replayed: return "replayed";
    case DropReason::unknown_node: return "unknown node";
    case DropReason::from_self: return "from self";
    case DropReason::count_: break;
  }
  return "?";
}

uint64_t DropCounters::total() const {
  uint64_t sum = 0;
  for (size_t i = 0; i < counts_.size(); ++i)
    if (i != static_cast<size_t>(DropReason::from_self)) sum += counts_[i];
  return sum;
}

std::string seal_packet(const proto::hb::Packet& packet, const config::AuthKeys& keys) {
  const config::AuthKey& key = keys.signing_key();
  proto::hb::SignedFrame frame;
  frame.set_key_id(static_cast<uint32_t>(key.id));
  frame.set_packet(packet.SerializeAsString());
  frame.set_digest(packet_digest(key, frame.packet()));
  return frame.SerializeAsString();
}

std::optional<proto::hb::Packet> open_packet(std::string_view bytes, const config::AuthKeys& keys,
                                             OpenError& error) {
  auto fail = [&](DropReason reason, std::string detail) -> std::optional<proto::hb::Packet> {
    error = {reason, std::move(detail)};
    return std::nullopt;
  };
  if (bytes.size() > kMaxDatagramBytes)
    return fail(DropReason::too_large, fmt::format("{} bytes", bytes.size()));
  proto::hb::SignedFrame frame;
  if (!frame.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return fail(DropReason::malformed, "not a signed frame");
  if (frame.key_id() > static_cast<uint32_t>(config::kMaxAuthKeyId))
    return fail(DropReason::unknown_key, fmt::format("key {}", frame.key_id()));
  const config::AuthKey* key = keys.find(static_cast<int>(frame.key_id()));
  if (key == nullptr) return fail(DropReason::unknown_key, fmt::format("key {}", frame.key_id()));
  if (!digests_equal(packet_digest(*key, frame.packet()), frame.digest()))
    return fail(DropReason::bad_digest, fmt::format("key {}", frame.key_id()));
  proto::hb::Packet packet;
  if (!packet.ParseFromString(frame.packet()))
    return fail(DropReason::malformed, "signed, but not a packet");
  if (packet.version() != kWireVersion)
    return fail(DropReason::bad_version, fmt::format("version {}", packet.version()));
  if (packet.from_node().empty()) return fail(DropReason::malformed, "no sender");
  return packet;
}

}  // namespace pacer::heartbeat
