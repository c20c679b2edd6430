#include "heartbeatd/replay_window.h"

namespace pacer::heartbeat {

Freshness ReplayWindow::check_and_record(uint64_t generation, uint64_t packet_number,
                                         size_t medium) {
  uint32_t bit = 1u << (medium % kMaxMedia);
  if (!started_ || generation > generation_) {
    // The first packet we hear, or the sender restarted: its numbering starts over.
    started_ = true;
    generation_ = generation;
    newest_ = packet_number;
    seen_.fill(0);
    media_seen(packet_number) = bit;
    return Freshness::fresh;
  }
  if (generation < generation_) return Freshness::replayed;
  if (packet_number > newest_) {
    if (packet_number - newest_ >= kWindow) {
      seen_.fill(0);
    } else {
      for (uint64_t n = newest_ + 1; n < packet_number; ++n) media_seen(n) = 0;
    }
    newest_ = packet_number;
    media_seen(packet_number) = bit;
    return Freshness::fresh;
  }
  if (newest_ - packet_number >= kWindow) return Freshness::replayed;
  uint32_t& seen = media_seen(packet_number);
  if (seen & bit) return Freshness::replayed;
  Freshness result = seen ? Freshness::duplicate : Freshness::fresh;
  seen |= bit;
  return result;
}

}  // namespace pacer::heartbeat
