#include "heartbeatd/outgoing_stream.h"

#include <algorithm>

#include "heartbeatd/message_compression.h"

namespace pacer::heartbeat {

OutgoingStream::OutgoingStream(uint64_t generation, OutgoingLimits limits)
    : generation_(generation), limits_(limits) {}

bool OutgoingStream::has_room_for(size_t bytes) const {
  size_t fragments = std::max<size_t>(1, (bytes + limits_.fragment_bytes - 1) / limits_.fragment_bytes);
  // A message larger than the whole history is still accepted into an empty one.
  return history_.empty() || history_.size() + fragments <= limits_.history_fragments;
}

Result<std::vector<proto::hb::ClusterMessage>> OutgoingStream::send(const std::string& to_node,
                                                                    const std::string& client,
                                                                    std::string_view data) {
  if (data.size() > limits_.max_message_bytes)
    return Status::error(fmt::format("message of {} bytes exceeds the limit of {} bytes",
                                     data.size(), limits_.max_message_bytes));
  std::string compressed;
  bool is_compressed = false;
  if (limits_.compression_threshold > 0 && data.size() > limits_.compression_threshold) {
    compressed = compress_message(data);
    if (compressed.size() < data.size()) {
      data = compressed;
      is_compressed = true;
    }
  }
  if (!has_room_for(data.size()))
    return Status::error("send queue full: waiting for peers to acknowledge");

  size_t count = std::max<size_t>(1, (data.size() + limits_.fragment_bytes - 1) / limits_.fragment_bytes);
  uint64_t message_id = next_message_id_++;
  std::vector<proto::hb::ClusterMessage> fragments;
  fragments.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    proto::hb::ClusterMessage f;
    f.set_seq(next_seq_++);
    f.set_to_node(to_node);
    f.set_client(client);
    f.set_message_id(message_id);
    f.set_fragment_index(static_cast<uint32_t>(i));
    f.set_fragment_count(static_cast<uint32_t>(count));
    f.set_compressed(is_compressed);
    f.set_data(std::string(data.substr(i * limits_.fragment_bytes, limits_.fragment_bytes)));
    history_.push_back(f);
    fragments.push_back(std::move(f));
  }
  prune();
  return fragments;
}

std::vector<proto::hb::ClusterMessage> OutgoingStream::retransmit(uint64_t first_seq,
                                                                  uint64_t last_seq) const {
  std::vector<proto::hb::ClusterMessage> out;
  if (history_.empty()) return out;
  uint64_t oldest = history_.front().seq();
  uint64_t from = std::max(first_seq, oldest);
  uint64_t to = std::min(last_seq, history_.back().seq());
  for (uint64_t s = from; s <= to && s >= oldest; ++s) out.push_back(history_[s - oldest]);
  return out;
}

void OutgoingStream::acknowledge(const std::string& node, uint64_t through_seq) {
  auto& acked = acked_[node];
  acked = std::max(acked, through_seq);
  prune();
}

void OutgoingStream::forget_node(const std::string& node) {
  live_peers_.erase(node);
  acked_.erase(node);
  prune();
}

void OutgoingStream::set_live_peers(std::set<std::string> peers) {
  live_peers_ = std::move(peers);
  prune();
}

void OutgoingStream::prune() {
  // Everything every live peer has acknowledged can go. With no live peer nobody can ask for a
  // retransmission, so nothing needs keeping.
  uint64_t keep_after = last_seq();
  for (const auto& peer : live_peers_) {
    auto it = acked_.find(peer);
    keep_after = std::min(keep_after, it == acked_.end() ? 0 : it->second);
  }
  while (!history_.empty() && history_.front().seq() <= keep_after) history_.pop_front();
}

}  // namespace pacer::heartbeat
