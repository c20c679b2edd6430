// Sealing and opening heartbeat packets: the boundary where bytes from the network become a
// Packet. Everything that arrives is treated as hostile: the size is checked before parsing, the
// digest before the inner packet is parsed, and every rejection has a reason that is counted.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/config/authkeys.h"
#include "common/result.h"
#include "heartbeat_packet.pb.h"

namespace pacer::heartbeat {

inline constexpr uint32_t kWireVersion = 1;
// A UDP datagram's payload can be at most 65507 bytes; fragments are sized below this.
inline constexpr size_t kMaxDatagramBytes = 65507;

enum class DropReason {
  too_large,
  malformed,       // not a SignedFrame / Packet
  unknown_key,     // key id not in authkeys
  bad_digest,      // forged, corrupted, or signed with another secret
  bad_version,     // a wire version this build does not speak
  replayed,        // older than what this sender has already sent (replay_window.h)
  unknown_node,    // not a configured node while autojoin is none
  from_self,       // our own broadcast looping back
  count_,
};
std::string_view to_string(DropReason reason);

// Counts of dropped packets per reason, for logs, cl_status and tests.
class DropCounters {
 public:
  void add(DropReason reason) { ++counts_[static_cast<size_t>(reason)]; }
  uint64_t count(DropReason reason) const { return counts_[static_cast<size_t>(reason)]; }
  uint64_t total() const;

 private:
  std::array<uint64_t, static_cast<size_t>(DropReason::count_)> counts_{};
};

// Serializes `packet` into a SignedFrame signed with the keys' signing key.
std::string seal_packet(const proto::hb::Packet& packet, const config::AuthKeys& keys);

struct OpenError {
  DropReason reason;
  std::string detail;
};

// Checks and parses received bytes. On failure `error` says why (the return is nullopt).
std::optional<proto::hb::Packet> open_packet(std::string_view bytes, const config::AuthKeys& keys,
                                             OpenError& error);

}  // namespace pacer::heartbeat
