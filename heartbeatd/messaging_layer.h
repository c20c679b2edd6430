// MessagingLayer: everything heartbeatd's master control process does with packets, without I/O.
//
// Datagrams come in from the media readers with the index of their medium; datagrams to send go
// out through an Outbox to every medium's writer (every medium carries every packet). In between:
// authentication and replay checks (packet_codec, replay_window), link and node liveness
// (liveness), reliable ordered delivery (outgoing_stream, incoming_stream), keepalives and
// acknowledgements. Time is passed in, so several layers wired together in a test make a cluster
// in memory, with loss and partitions under the test's control.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/config/authkeys.h"
#include "heartbeatd/child_death.h"
#include "heartbeatd/incoming_stream.h"
#include "heartbeatd/liveness.h"
#include "heartbeatd/outgoing_stream.h"
#include "heartbeatd/packet_codec.h"
#include "heartbeatd/replay_window.h"

namespace pacer::heartbeat {

struct MessagingConfig {
  std::string local_node;
  std::string local_uuid;
  uint64_t generation = 1;
  std::vector<std::string> nodes;       // configured nodes (ha.cf `node`)
  bool accept_unknown_nodes = false;    // autojoin other/any
  std::vector<std::string> interfaces;  // the interface of each medium, by index
  LivenessTiming timing;
  OutgoingLimits outgoing;
  IncomingLimits incoming;
};

struct Outbox {
  std::vector<std::string> datagrams;          // to send on every medium
  std::vector<DeliveredMessage> delivered;     // to local clients
  std::vector<LivenessEvent> liveness;         // node and link changes
  std::vector<std::pair<std::string, std::string>> learned_uuids;  // (node, uuid) first heard
  std::vector<LogLine> log;
  bool own_heartbeat_heard = false;            // feeds the watchdog, as Heartbeat did
};

class MessagingLayer {
 public:
  MessagingLayer(MessagingConfig config, config::AuthKeys keys, MonoTime now);

  void on_datagram(size_t medium, std::string_view bytes, MonoTime now, Outbox& out);
  // Sends keepalives and acknowledgements when due, declares silent nodes dead, asks for missing
  // messages. Call it at least every keepalive / 2.
  void on_tick(MonoTime now, Outbox& out);
  // Queues a message for `to_node` ("" = every node) addressed to client `client` there. Fails when
  // the send history is full (back-pressure) or the message is too large.
  Status send(const std::string& to_node, const std::string& client, std::string_view data,
              Outbox& out);
  bool can_send(size_t bytes) const { return outgoing_.has_room_for(bytes); }

  void set_keys(config::AuthKeys keys) { keys_ = std::move(keys); }
  void set_status(std::string status) { status_ = std::move(status); }  // "active", "shutting-down"
  const Liveness& liveness() const { return liveness_; }
  const DropCounters& drops() const { return drops_; }
  std::optional<std::string> uuid_of(const std::string& node) const;
  const MessagingConfig& config() const { return config_; }
  // When on_tick next has work.
  MonoTime next_tick(MonoTime now) const;

 private:
  proto::hb::Packet new_packet();
  void emit(const proto::hb::Packet& packet, Outbox& out);
  void send_keepalive(Outbox& out);
  void handle_liveness(std::vector<LivenessEvent> events, Outbox& out);
  IncomingStream& stream_from(const std::string& node);
  void drop(DropReason reason, const std::string& detail, MonoTime now, Outbox& out);

  MessagingConfig config_;
  config::AuthKeys keys_;
  Liveness liveness_;
  OutgoingStream outgoing_;
  std::map<std::string, IncomingStream> incoming_;
  std::map<std::string, ReplayWindow> windows_;
  std::map<std::string, std::string> uuids_;
  std::map<std::string, uint64_t> acked_to_;  // what we last acknowledged to each sender
  DropCounters drops_;
  std::map<DropReason, MonoTime> last_drop_log_;
  uint64_t packet_number_ = 0;
  uint64_t keepalives_sent_ = 0;
  MonoTime next_keepalive_;
  std::string status_ = "active";
};

}  // namespace pacer::heartbeat
