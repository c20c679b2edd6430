// stonithd's wire values: names, limits, and the checked conversion of what comes from outside
// (an IPC client, another node's stonithd). Every string that came over the wire is validated
// here before the Fencer sees it; decode_peer_message refuses anything oversized, of an unknown
// version, without a body, or with a bad field.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "stonithd.pb.h"
#include "stonithd/fence_device.h"

namespace pacer::stonithd {

inline constexpr std::uint32_t kStonithdProtocolVersion = 1;
inline constexpr const char* kStonithdServiceName = "pacer-stonithd";
// The heartbeatd client name stonithds sign on with (ha.cf's apiauth has `stonithd uid=root`).
inline constexpr const char* kStonithdPeerClient = "stonithd";
inline constexpr std::size_t kMaxPeerMessage = 64 * 1024;

inline constexpr const char* kRegisterType = "stonithd.register";
inline constexpr const char* kUnregisterType = "stonithd.unregister";
inline constexpr const char* kStatusType = "stonithd.status";
inline constexpr const char* kFenceType = "stonithd.fence";
inline constexpr const char* kListType = "stonithd.list";
inline constexpr const char* kHistoryType = "stonithd.history";
inline constexpr const char* kReplyType = "stonithd.reply";
inline constexpr const char* kFenceReplyType = "stonithd.fence_reply";
inline constexpr const char* kListReplyType = "stonithd.list_reply";
inline constexpr const char* kHistoryReplyType = "stonithd.history_reply";
inline constexpr const char* kFencedEvent = "stonithd.fenced";

// Node names as ha.cf has them: 1..255 of [A-Za-z0-9._-].
Status validate_node(std::string_view node);
// Operation ids: "<node>:<number>".
Status validate_op_id(std::string_view id);

FenceAction action_from_proto(proto::stonithd::Action action);
proto::stonithd::Action action_to_proto(FenceAction action);
// "reboot"/"reset", "off"/"poweroff", "on"/"poweron".
Result<FenceAction> action_from_word(std::string_view word);

std::string encode_peer_message(const proto::stonithd::PeerMessage& message);
Result<proto::stonithd::PeerMessage> decode_peer_message(std::string_view bytes);

}  // namespace pacer::stonithd
