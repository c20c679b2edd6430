// IncomingStream: the receiving half of reliable messaging, one per sending node.
//
// Fragments arrive out of order, twice (once per medium), or not at all. This delivers each whole
// message once, in the sender's order, asks for what is missing (rate-limited by
// max_rexmit_delay), and restarts cleanly when the sender restarts (a new generation). Fragments
// addressed to other nodes still take their place in the order and are then skipped.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "heartbeat_packet.pb.h"

namespace pacer::heartbeat {

struct DeliveredMessage {
  std::string from_node;
  std::string to_node;  // empty: sent to every node
  std::string client;
  std::string data;
};

struct IncomingLimits {
  size_t max_pending_fragments = 32768;  // out-of-order fragments held; beyond: drop the newest
  size_t max_message_bytes = 64 << 20;
  Millis retransmit_delay{250};          // ha.cf max_rexmit_delay: wait before asking (again)
};

class IncomingStream {
 public:
  IncomingStream(std::string sender, std::string local_node, IncomingLimits limits);

  // A fragment heard from the sender in `generation`. Returns the messages now deliverable to
  // clients on this node, in order.
  std::vector<DeliveredMessage> receive(uint64_t generation, const proto::hb::ClusterMessage& fragment);
  // The sender's keepalive: its newest seq, to notice a lost tail, and the oldest it still keeps:
  // what it no longer keeps will never come (we were apart when it was sent), so the stream skips
  // ahead instead of waiting forever. Returns the messages that skipping makes deliverable.
  std::vector<DeliveredMessage> note_sender_progress(uint64_t generation, uint64_t last_seq,
                                                     uint64_t first_kept_seq);

  // What to ask the sender to send again: every gap (at most kMaxRangesPerRequest ranges), at most
  // once per retransmit_delay. Empty when nothing is missing.
  static constexpr size_t kMaxRangesPerRequest = 64;
  std::vector<proto::hb::RetransmitRequest> retransmit_requests(MonoTime now);

  uint64_t generation() const { return generation_; }
  // Every seq up to this one has been received (and delivered or skipped).
  uint64_t delivered_through() const { return next_seq_ - 1; }
  uint64_t corrupt_messages() const { return corrupt_; }
  // Fragments given up on because the sender no longer had them.
  uint64_t skipped_fragments() const { return skipped_; }

 private:
  void restart(uint64_t generation, uint64_t first_seq);
  std::vector<DeliveredMessage> drain();

  std::string sender_;
  std::string local_node_;
  IncomingLimits limits_;
  bool started_ = false;
  uint64_t generation_ = 0;
  uint64_t next_seq_ = 1;       // the next seq to take in order
  uint64_t highest_known_ = 0;  // the highest seq the sender is known to have sent
  std::map<uint64_t, proto::hb::ClusterMessage> pending_;  // received out of order
  std::vector<proto::hb::ClusterMessage> partial_;         // fragments of the message being rebuilt
  std::optional<MonoTime> last_request_;
  uint64_t corrupt_ = 0;
  uint64_t skipped_ = 0;
};

}  // namespace pacer::heartbeat
