// What attrd is asked and what attrds tell each other, as checked values: an AttributeUpdate from
// attrd_updater (or a daemon) and the PeerMessage between nodes' attrds. The Protobuf messages of
// proto/attrd.proto are converted here and only here, and every field that came from outside
// (a client socket or another node) is validated before anything acts on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "attrd.pb.h"
#include "common/clock.h"
#include "common/result.h"

namespace pacer::attrd {

inline constexpr std::uint32_t kAttrdProtocolVersion = 1;
inline constexpr const char* kAttrdServiceName = "pacer-attrd";
// The heartbeatd client name attrds sign on with and send to each other under.
inline constexpr const char* kAttrdPeerClient = "attrd";
inline constexpr std::size_t kMaxPeerMessage = 64 * 1024;
inline constexpr std::size_t kMaxNameLength = 256;
inline constexpr std::size_t kMaxValueLength = 4096;
// Longer dampening than a day is surely a mistake in the caller's units.
inline constexpr Millis kMaxDampen{24LL * 3600 * 1000};

enum class Lifetime { reboot, forever };

struct AttributeUpdate {
  std::string name;
  std::string node;                  // "" = the node whose attrd receives it first
  std::optional<std::string> value;  // set this value (may be "<name>++")
  bool remove = false;               // delete the attribute
  std::optional<Millis> dampen;      // change the attribute's dampening
  Lifetime lifetime = Lifetime::reboot;

  bool operator==(const AttributeUpdate&) const = default;
};

struct NodeValue {
  std::string node;
  std::string name;
  std::optional<std::string> value;  // nullopt: not set

  bool operator==(const NodeValue&) const = default;
};

// An update relayed to its owning node, or an owner announcing what it wrote.
using PeerMessage = std::variant<AttributeUpdate, NodeValue>;

// Attribute names end up in XML ids and XPath string literals: printable ASCII without spaces,
// quotes, '<', '>' or '&', 1..256 characters.
Status validate_name(std::string_view name);
// Node names as ha.cf has them: 1..255 of [A-Za-z0-9._-].
Status validate_node(std::string_view node);
// Values: up to 4096 bytes, no control characters.
Status validate_value(std::string_view value);

Result<AttributeUpdate> update_from_proto(const proto::attrd::Update& message);
proto::attrd::Update update_to_proto(const AttributeUpdate& update);
Result<NodeValue> node_value_from_proto(const proto::attrd::NodeValue& message);
proto::attrd::NodeValue node_value_to_proto(const NodeValue& value);

// Peer messages as heartbeatd carries them. decode refuses anything over kMaxPeerMessage, of an
// unknown version, without a body, or with a field that fails validation.
std::string encode_peer_message(const PeerMessage& message);
Result<PeerMessage> decode_peer_message(std::string_view bytes);

}  // namespace pacer::attrd
