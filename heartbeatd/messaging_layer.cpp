#include "heartbeatd/messaging_layer.h"

#include <algorithm>

namespace pacer::heartbeat {
namespace {
constexpr Millis kDropLogInterval{10000};
constexpr uint64_t kAckRefreshKeepalives = 10;
}

MessagingLayer::MessagingLayer(MessagingConfig config, config::AuthKeys keys, MonoTime now)
    : config_(std::move(config)),
      keys_(std::move(keys)),
      liveness_(config_.timing, config_.local_node, config_.nodes, config_.interfaces, now),
      outgoing_(config_.generation, config_.outgoing),
      next_keepalive_(now) {
  uuids_[config_.local_node] = config_.local_uuid;
}

std::optional<std::string> MessagingLayer::uuid_of(const std::string& node) const {
  auto it = uuids_.find(node);
  if (it == uuids_.end()) return std::nullopt;
  return it->second;
}

proto::hb::Packet MessagingLayer::new_packet() {
  proto::hb::Packet p;
  p.set_version(kWireVersion);
  p.set_from_node(config_.local_node);
  p.set_from_uuid(config_.local_uuid);
  p.set_generation(config_.generation);
  p.set_packet_number(++packet_number_);
  return p;
}

void MessagingLayer::emit(const proto::hb::Packet& packet, Outbox& out) {
  out.datagrams.push_back(seal_packet(packet, keys_));
}

void MessagingLayer::send_keepalive(Outbox& out) {
  auto p = new_packet();
  p.mutable_keepalive()->set_last_message_seq(outgoing_.last_seq());
  p.mutable_keepalive()->set_first_kept_seq(outgoing_.first_kept_seq());
  p.mutable_keepalive()->set_status(status_);
  emit(p, out);
}

IncomingStream& MessagingLayer::stream_from(const std::string& node) {
  auto it = incoming_.find(node);
  if (it == incoming_.end())
    it = incoming_.emplace(node, IncomingStream(node, config_.local_node, config_.incoming)).first;
  return it->second;
}

void MessagingLayer::drop(DropReason reason, const std::string& detail, MonoTime now, Outbox& out) {
  drops_.add(reason);
  if (reason == DropReason::from_self) return;
  // Logged at most every 10 s per reason: a flood of garbage must not flood the log too.
  auto it = last_drop_log_.find(reason);
  if (it != last_drop_log_.end() && now - it->second < kDropLogInterval) return;
  last_drop_log_[reason] = now;
  out.log.push_back({LogLevel::warn, fmt::format("Dropped packet: {} ({}); {} dropped for this reason so far",
                                                 to_string(reason), detail, drops_.count(reason))});
}

void MessagingLayer::handle_liveness(std::vector<LivenessEvent> events, Outbox& out) {
  for (auto& e : events) {
    using Kind = LivenessEvent::Kind;
    switch (e.kind) {
      case Kind::link_up:
        out.log.push_back({LogLevel::info, fmt::format("Link {}:{} up.", e.node, e.interface)});
        break;
      case Kind::link_dead:
        out.log.push_back({LogLevel::info, fmt::format("Link {}:{} dead.", e.node, e.interface)});
        break;
      case Kind::node_active:
        out.log.push_back({LogLevel::info, fmt::format("Status update for node {}: status active", e.node)});
        break;
      case Kind::node_dead:
        out.log.push_back({LogLevel::warn, fmt::format("node {}: is dead", e.node)});
        outgoing_.forget_node(e.node);
        break;
      case Kind::late_heartbeat:
        out.log.push_back({LogLevel::warn, fmt::format("Late heartbeat: Node {}: interval {} ms",
                                                       e.node, e.interval.count())});
        break;
    }
    out.liveness.push_back(std::move(e));
  }
  std::set<std::string> live;
  for (const auto& n : liveness_.nodes())
    if (n != config_.local_node && liveness_.node_status(n) == NodeStatus::active) live.insert(n);
  outgoing_.set_live_peers(std::move(live));
}

void MessagingLayer::on_datagram(size_t medium, std::string_view bytes, MonoTime now, Outbox& out) {
  OpenError error{};
  auto packet = open_packet(bytes, keys_, error);
  if (!packet) return drop(error.reason, error.detail, now, out);
  const std::string& from = packet->from_node();
  bool known = std::find(config_.nodes.begin(), config_.nodes.end(), from) != config_.nodes.end() ||
               uuids_.count(from);
  if (!known && !config_.accept_unknown_nodes)
    return drop(DropReason::unknown_node, from, now, out);

  ReplayWindow& window = windows_[from];
  bool restarted = window.started() && packet->generation() > window.generation();
  Freshness fresh = window.check_and_record(packet->generation(), packet->packet_number(), medium);
  if (fresh == Freshness::replayed)
    return drop(DropReason::replayed, fmt::format("from {}", from), now, out);
  if (restarted && from != config_.local_node) {
    // Back within deadtime with a new generation: the peer's CCM, crmd and stream state are new,
    // so everyone must see the old incarnation leave before the new one joins.
    out.log.push_back({LogLevel::info, fmt::format("Heartbeat restart on node {}", from)});
    handle_liveness(liveness_.restarted(from), out);
  }
  // A duplicate still proves that this medium works; only its content is old news.
  handle_liveness(liveness_.heard(from, medium, now), out);
  if (from == config_.local_node) {
    out.own_heartbeat_heard = true;
    drops_.add(DropReason::from_self);
    return;
  }
  if (fresh == Freshness::duplicate) return;

  if (!uuids_.count(from) && !packet->from_uuid().empty()) {
    uuids_[from] = packet->from_uuid();
    out.learned_uuids.emplace_back(from, packet->from_uuid());
  }
  switch (packet->body_case()) {
    case proto::hb::Packet::kKeepalive: {
      auto& stream = stream_from(from);
      uint64_t skipped = stream.skipped_fragments();
      const auto& k = packet->keepalive();
      auto delivered = stream.note_sender_progress(packet->generation(), k.last_message_seq(),
                                                   k.first_kept_seq());
      if (stream.skipped_fragments() > skipped)
        out.log.push_back({LogLevel::warn, fmt::format("lost {} message fragment(s) from {}: sent while we were apart",
                                                       stream.skipped_fragments() - skipped, from)});
      for (auto& m : delivered) out.delivered.push_back(std::move(m));
      break;
    }
    case proto::hb::Packet::kMessage: {
      auto delivered = stream_from(from).receive(packet->generation(), packet->message());
      for (auto& m : delivered) out.delivered.push_back(std::move(m));
      break;
    }
    case proto::hb::Packet::kRetransmitRequest: {
      const auto& r = packet->retransmit_request();
      if (r.to_node() != config_.local_node || r.generation() != config_.generation) break;
      // A bounded answer: a request for a huge range must not make us flood the media.
      uint64_t last = std::min(r.last_seq(), r.first_seq() + 4096);
      for (auto& fragment : outgoing_.retransmit(r.first_seq(), last)) {
        auto p = new_packet();
        *p.mutable_message() = std::move(fragment);
        emit(p, out);
      }
      break;
    }
    case proto::hb::Packet::kAck: {
      const auto& a = packet->ack();
      if (a.to_node() == config_.local_node && a.generation() == config_.generation)
        outgoing_.acknowledge(from, a.through_seq());
      break;
    }
    case proto::hb::Packet::BODY_NOT_SET:
      drop(DropReason::malformed, fmt::format("empty packet from {}", from), now, out);
      break;
  }
}

void MessagingLayer::on_tick(MonoTime now, Outbox& out) {
  if (now >= next_keepalive_) {
    send_keepalive(out);
    next_keepalive_ = now + config_.timing.keepalive;
    // Acknowledge what we hold, so senders can forget it: when it grew, and now and then again
    // in case an acknowledgement was lost. Nothing to acknowledge, nothing sent: with 16 nodes an
    // acknowledgement per peer per keepalive would be most of the traffic.
    bool refresh = ++keepalives_sent_ % kAckRefreshKeepalives == 0;
    for (auto& [sender, stream] : incoming_) {
      uint64_t through = stream.delivered_through();
      auto& acked = acked_to_[sender];
      if (through == 0 || (through == acked && !refresh)) continue;
      acked = through;
      auto p = new_packet();
      p.mutable_ack()->set_to_node(sender);
      p.mutable_ack()->set_generation(stream.generation());
      p.mutable_ack()->set_through_seq(through);
      emit(p, out);
    }
  }
  for (auto& [sender, stream] : incoming_) {
    if (liveness_.node_status(sender) != NodeStatus::active) continue;
    for (auto& request : stream.retransmit_requests(now)) {
      auto p = new_packet();
      *p.mutable_retransmit_request() = std::move(request);
      emit(p, out);
    }
  }
  handle_liveness(liveness_.tick(now), out);
}

Status MessagingLayer::send(const std::string& to_node, const std::string& client,
                            std::string_view data, Outbox& out) {
  auto fragments = outgoing_.send(to_node, client, data);
  if (!fragments) return fragments.status();
  for (auto& fragment : *fragments) {
    auto p = new_packet();
    *p.mutable_message() = std::move(fragment);
    emit(p, out);
  }
  return Status::ok();
}

MonoTime MessagingLayer::next_tick(MonoTime now) const {
  MonoTime next = std::min(next_keepalive_, liveness_.next_deadline());
  for (const auto& [sender, stream] : incoming_)
    if (stream.delivered_through() < UINT64_MAX) next = std::min(next, now + config_.incoming.retransmit_delay);
  return std::max(next, now);
}

}  // namespace pacer::heartbeat
