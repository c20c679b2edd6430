#include "heartbeatd/replay_window.h"

namespace pacer::heartbeat {

Freshness ReplayWindow::check_and_record(uint64_t generation, uint64_t packet_number) {
  if (!started_ || generation > generation_) {
    // The first packet we hear, or the sender restarted: its numbering starts over.
    started_ = true;
    generation_ = generation;
    newest_ = packet_number;
    seen_.reset();
    seen_[packet_number % kWindow] = true;
    return Freshness::fresh;
  }
  if (generation < generation_) return Freshness::replayed;
  if (packet_number > newest_) {
    uint64_t advance = packet_number - newest_;
    if (advance >= kWindow) {
      seen_.reset();
    } else {
      for (uint64_t n = newest_ + 1; n < packet_number; ++n) seen_[n % kWindow] = false;
    }
    newest_ = packet_number;
    seen_[packet_number % kWindow] = true;
    return Freshness::fresh;
  }
  if (newest_ - packet_number >= kWindow) return Freshness::replayed;
  if (seen(packet_number)) return Freshness::duplicate;
  seen_[packet_number % kWindow] = true;
  return Freshness::fresh;
}

}  // namespace pacer::heartbeat
