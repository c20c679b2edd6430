// ReplayWindow: tells a fresh packet from a copy of one already seen, per sender.
//
// Every medium carries every packet, so the same packet normally arrives once per medium: those
// copies are `duplicate` (expected, not counted as drops). A packet from an older generation of
// the sender, or older than the window, is `replayed`: someone recorded it and sent it again, and
// it must not make a dead node look alive.
#pragma once

#include <bitset>
#include <cstdint>

namespace pacer::heartbeat {

enum class Freshness { fresh, duplicate, replayed };

class ReplayWindow {
 public:
  static constexpr uint64_t kWindow = 1024;  // how far behind the newest a late packet may be

  Freshness check_and_record(uint64_t generation, uint64_t packet_number);
  uint64_t generation() const { return generation_; }

 private:
  bool seen(uint64_t packet_number) const { return seen_[packet_number % kWindow]; }

  bool started_ = false;
  uint64_t generation_ = 0;
  uint64_t newest_ = 0;
  std::bitset<kWindow> seen_;  // indexed by packet_number % kWindow, for (newest_-kWindow, newest_]
};

}  // namespace pacer::heartbeat
