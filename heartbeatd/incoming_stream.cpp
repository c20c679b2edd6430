#include "heartbeatd/incoming_stream.h"

#include "heartbeatd/message_compression.h"

namespace pacer::heartbeat {

IncomingStream::IncomingStream(std::string sender, std::string local_node, IncomingLimits limits)
    : sender_(std::move(sender)), local_node_(std::move(local_node)), limits_(limits) {}

void IncomingStream::restart(uint64_t generation, uint64_t first_seq) {
  started_ = true;
  generation_ = generation;
  next_seq_ = first_seq;
  highest_known_ = first_seq - 1;
  pending_.clear();
  partial_.clear();
  last_request_.reset();
}

std::vector<DeliveredMessage> IncomingStream::note_sender_progress(uint64_t generation,
                                                                   uint64_t last_seq,
                                                                   uint64_t first_kept_seq) {
  if (!started_ || generation > generation_) {
    // We start listening now: what the sender sent before is not ours to recover.
    restart(generation, last_seq + 1);
    return {};
  }
  if (generation != generation_) return {};
  highest_known_ = std::max(highest_known_, last_seq);
  if (first_kept_seq <= next_seq_) return {};
  for (uint64_t s = next_seq_; s < first_kept_seq; ++s)
    if (pending_.erase(s) == 0) ++skipped_;
  // A message cut by the gap cannot be completed; the next whole one starts cleanly.
  partial_.clear();
  next_seq_ = first_kept_seq;
  while (!pending_.empty() && pending_.begin()->first < next_seq_) pending_.erase(pending_.begin());
  while (pending_.count(next_seq_) && pending_.at(next_seq_).fragment_index() != 0) {
    pending_.erase(next_seq_);
    ++next_seq_;
  }
  return drain();
}

std::vector<DeliveredMessage> IncomingStream::receive(uint64_t generation,
                                                      const proto::hb::ClusterMessage& fragment) {
  if (!started_ || generation > generation_) {
    // Join the stream at the first whole message we see.
    if (fragment.fragment_index() != 0) return {};
    restart(generation, fragment.seq());
  }
  if (generation < generation_) return {};
  uint64_t seq = fragment.seq();
  highest_known_ = std::max(highest_known_, seq);
  if (seq < next_seq_ || pending_.count(seq)) return {};  // a copy from another medium
  if (pending_.size() >= limits_.max_pending_fragments) return {};  // asked for again later
  pending_.emplace(seq, fragment);
  return drain();
}

std::vector<DeliveredMessage> IncomingStream::drain() {
  std::vector<DeliveredMessage> out;
  for (auto it = pending_.find(next_seq_); it != pending_.end(); it = pending_.find(next_seq_)) {
    proto::hb::ClusterMessage fragment = std::move(it->second);
    pending_.erase(it);
    ++next_seq_;
    bool starts = fragment.fragment_index() == 0;
    bool belongs = !partial_.empty() && fragment.message_id() == partial_.front().message_id() &&
                   fragment.fragment_index() == partial_.size();
    if (!starts && !belongs) {
      // A fragment whose message began before we joined, or a sender bug: drop the message.
      partial_.clear();
      continue;
    }
    if (starts) partial_.clear();
    partial_.push_back(std::move(fragment));
    const auto& first = partial_.front();
    if (partial_.size() < first.fragment_count()) continue;

    bool for_us = first.to_node().empty() || first.to_node() == local_node_;
    if (for_us) {
      std::string data;
      for (const auto& f : partial_) data += f.data();
      if (first.compressed()) {
        auto inflated = decompress_message(data, limits_.max_message_bytes);
        if (!inflated) {
          ++corrupt_;
          partial_.clear();
          continue;
        }
        data = std::move(*inflated);
      }
      out.push_back({sender_, first.to_node(), first.client(), std::move(data)});
    }
    partial_.clear();
  }
  return out;
}

std::vector<proto::hb::RetransmitRequest> IncomingStream::retransmit_requests(MonoTime now) {
  std::vector<proto::hb::RetransmitRequest> requests;
  if (!started_ || highest_known_ < next_seq_) return requests;
  if (last_request_ && now - *last_request_ < limits_.retransmit_delay) return requests;
  auto add = [&](uint64_t first, uint64_t last) {
    proto::hb::RetransmitRequest r;
    r.set_to_node(sender_);
    r.set_generation(generation_);
    r.set_first_seq(first);
    r.set_last_seq(last);
    requests.push_back(std::move(r));
  };
  // Walk the held fragments; every hole between them (and after the last, up to what the sender
  // says it sent) is a range to ask for.
  uint64_t expect = next_seq_;
  for (const auto& [seq, fragment] : pending_) {
    if (requests.size() >= kMaxRangesPerRequest) break;
    if (seq > expect) add(expect, seq - 1);
    expect = seq + 1;
  }
  if (requests.size() < kMaxRangesPerRequest && highest_known_ >= expect) add(expect, highest_known_);
  if (!requests.empty()) last_request_ = now;
  return requests;
}

}  // namespace pacer::heartbeat
