// Validation of stonithd's messages from outside.
#include "stonithd/stonithd_protocol.h"

#include <algorithm>

#include <fmt/format.h>

namespace pacer::stonithd {
namespace {

Status check_entry(const proto::stonithd::HistoryEntry& e) {
  if (auto s = validate_op_id(e.op_id()); !s) return s;
  if (auto s = validate_node(e.target()); !s) return s;
  if (!e.origin().empty()) {
    if (auto s = validate_node(e.origin()); !s) return s;
  }
  if (!e.executioner().empty()) {
    if (auto s = validate_node(e.executioner()); !s) return s;
  }
  if (e.client().size() > 256 || e.detail().size() > 4096)
    return Status::error("history entry: client or detail too long");
  if (!proto::stonithd::OpState_IsValid(e.state())) return Status::error("history entry: bad state");
  return Status::ok();
}

}  // namespace

Status validate_node(std::string_view node) {
  if (node.empty() || node.size() > 255) return Status::error("bad node name length");
  bool ok = std::all_of(node.begin(), node.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
  return ok ? Status::ok() : Status::error(fmt::format("bad node name '{}'", node));
}

Status validate_op_id(std::string_view id) {
  auto colon = id.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == id.size() || id.size() > 300)
    return Status::error("bad operation id");
  if (auto s = validate_node(id.substr(0, colon)); !s) return Status::error("bad operation id");
  auto digits = id.substr(colon + 1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Status::error("bad operation id");
  return Status::ok();
}

FenceAction action_from_proto(proto::stonithd::Action action) {
  switch (action) {
    case proto::stonithd::POWEROFF: return FenceAction::off;
    case proto::stonithd::POWERON: return FenceAction::on;
    default: return FenceAction::reset;
  }
}

proto::stonithd::Action action_to_proto(FenceAction action) {
  switch (action) {
    case FenceAction::off: return proto::stonithd::POWEROFF;
    case FenceAction::on: return proto::stonithd::POWERON;
    case FenceAction::reset: break;
  }
  return proto::stonithd::RESET;
}

Result<FenceAction> action_from_word(std::string_view word) {
  if (word == "reboot" || word == "reset") return FenceAction::reset;
  if (word == "off" || word == "poweroff") return FenceAction::off;
  if (word == "on" || word == "poweron") return FenceAction::on;
  return Status::error(fmt::format("unknown fencing action '{}'", word));
}

std::string encode_peer_message(const proto::stonithd::PeerMessage& message) {
  proto::stonithd::PeerMessage copy = message;
  copy.set_version(kStonithdProtocolVersion);
  return copy.SerializeAsString();
}

Result<proto::stonithd::PeerMessage> decode_peer_message(std::string_view bytes) {
  if (bytes.size() > kMaxPeerMessage) return Status::error("peer message too large");
  proto::stonithd::PeerMessage m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Status::error("peer message does not parse");
  if (m.version() != kStonithdProtocolVersion)
    return Status::error(fmt::format("peer message of unknown version {}", m.version()));
  using P = proto::stonithd::PeerMessage;
  auto action_ok = [](int a) { return proto::stonithd::Action_IsValid(a); };
  switch (m.body_case()) {
    case P::kQuery:
      if (auto s = validate_op_id(m.query().op_id()); !s) return s;
      if (auto s = validate_node(m.query().target()); !s) return s;
      if (!action_ok(m.query().action())) return Status::error("query: bad action");
      break;
    case P::kOffer:
      if (auto s = validate_op_id(m.offer().op_id()); !s) return s;
      break;
    case P::kExecute:
      if (auto s = validate_op_id(m.execute().op_id()); !s) return s;
      if (auto s = validate_node(m.execute().target()); !s) return s;
      if (!action_ok(m.execute().action())) return Status::error("execute: bad action");
      if (m.execute().timeout_ms() == 0 || m.execute().timeout_ms() > 24ULL * 3600 * 1000)
        return Status::error("execute: bad timeout");
      break;
    case P::kOutcome:
      if (auto s = validate_op_id(m.outcome().op_id()); !s) return s;
      if (m.outcome().detail().size() > 4096) return Status::error("outcome: detail too long");
      break;
    case P::kCompleted:
      if (auto s = check_entry(m.completed()); !s) return s;
      if (!action_ok(m.completed().action())) return Status::error("completed: bad action");
      break;
    case P::BODY_NOT_SET: return Status::error("peer message without a body");
  }
  return m;
}

}  // namespace pacer::stonithd
