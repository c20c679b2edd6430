// ReplayWindow: tells a fresh packet from a copy of one already seen, per sender.
//
// Every medium carries every packet, so the same packet normally arrives once per medium: a copy on
// another medium is `duplicate` (expected, not a drop, and still proof that medium works). The
// same packet twice on one medium, a packet from an older generation of the sender, or one older
// than the window is `replayed`: someone recorded it and sent it again, and it must not make a dead
// node look alive.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace pacer::heartbeat {

enum class Freshness { fresh, duplicate, replayed };

class ReplayWindow {
 public:
  static constexpr uint64_t kWindow = 1024;  // how far behind the newest a late packet may be

  static constexpr size_t kMaxMedia = 32;

  Freshness check_and_record(uint64_t generation, uint64_t packet_number, size_t medium);
  uint64_t generation() const { return generation_; }
  bool started() const { return started_; }

 private:
  uint32_t& media_seen(uint64_t packet_number) { return seen_[packet_number % kWindow]; }

  bool started_ = false;
  uint64_t generation_ = 0;
  uint64_t newest_ = 0;
  // For (newest_-kWindow, newest_], indexed by packet_number % kWindow: the media it came in on.
  std::array<uint32_t, kWindow> seen_{};
};

}  // namespace pacer::heartbeat
