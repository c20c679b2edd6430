// OutgoingStream: the sending half of heartbeatd's reliable messaging.
//
// Every cluster message from this node gets consecutive sequence numbers (one per fragment), is
// split into fragments that fit one Ethernet frame (so one lost frame costs one fragment, not a
// 64 KB datagram), optionally compressed first, and kept in a history until every live node has
// acknowledged it, so retransmission requests can be served. When the history is full, send()
// refuses: that is the back-pressure clients see, instead of an unbounded queue.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"
#include "heartbeat_packet.pb.h"

namespace pacer::heartbeat {

struct OutgoingLimits {
  size_t fragment_bytes = 1200;        // payload per fragment: fits a 1500-byte MTU after headers
  size_t history_fragments = 16384;    // unacknowledged fragments kept for retransmission
  size_t compression_threshold = 2048; // ha.cf compression_threshold (KB * 1024); 0 = never
  size_t max_message_bytes = 64 << 20; // larger messages are refused outright
};

class OutgoingStream {
 public:
  OutgoingStream(uint64_t generation, OutgoingLimits limits);

  // Fragments of the message, ready to wrap in packets and send. Fails when the message is too
  // large or the history has no room (try again after acknowledgements arrive).
  Result<std::vector<proto::hb::ClusterMessage>> send(const std::string& to_node,
                                                      const std::string& client,
                                                      std::string_view data);
  // Whether a message of `bytes` would be accepted now.
  bool has_room_for(size_t bytes) const;

  // The fragments first..last still in the history (some may have been forgotten already).
  std::vector<proto::hb::ClusterMessage> retransmit(uint64_t first_seq, uint64_t last_seq) const;

  // `node` has everything through `seq`. Only nodes in `live_nodes` hold back the history: a dead
  // node will never ask again.
  void acknowledge(const std::string& node, uint64_t through_seq);
  void forget_node(const std::string& node);
  void set_live_peers(std::set<std::string> peers);

  uint64_t generation() const { return generation_; }
  uint64_t last_seq() const { return next_seq_ - 1; }
  // The oldest seq retransmit() can still serve (last_seq() + 1 when the history is empty).
  uint64_t first_kept_seq() const { return history_.empty() ? next_seq_ : history_.front().seq(); }
  size_t history_size() const { return history_.size(); }

 private:
  void prune();

  uint64_t generation_;
  OutgoingLimits limits_;
  uint64_t next_seq_ = 1;
  uint64_t next_message_id_ = 1;
  std::deque<proto::hb::ClusterMessage> history_;  // consecutive seqs, oldest first
  std::set<std::string> live_peers_;
  std::map<std::string, uint64_t> acked_;
};

}  // namespace pacer::heartbeat
