// Several MessagingLayers wired through an in-memory network of media that the test can cut, make
// lossy, or tamper with.
#include "heartbeatd/messaging_layer.h"

#include <catch2/catch.hpp>
#include <random>

using namespace pacer;
using namespace pacer::heartbeat;
using namespace std::chrono_literals;

namespace {

config::AuthKeys test_keys(const char* text = "auth 1\n1 sha1 cluster-secret\n") {
  return *config::parse_authkeys(text, "authkeys");
}

class MemoryCluster {
 public:
  explicit MemoryCluster(std::vector<std::string> nodes, LivenessTiming timing = {200ms, 1000ms, 500ms, 1000ms})
      : names_(nodes), timing_(timing) {
    for (size_t i = 0; i < nodes.size(); ++i) {
      layers_.push_back(make_layer(i, 1));
      inbox_.emplace_back();
    }
    cut_.assign(nodes.size(), {false, false});
  }

  // The node's heartbeatd starts again (as after a quick reboot): a new layer, next generation.
  void restart(size_t node, uint64_t generation) { layers_[node] = make_layer(node, generation); }

  MessagingLayer& at(size_t i) { return *layers_[i]; }
  std::vector<DeliveredMessage>& inbox(size_t i) { return inbox_[i]; }
  void cut(size_t node, size_t medium, bool is_cut) { cut_[node][medium] = is_cut; }
  void set_loss(double p) { loss_ = p; }
  void power_off(size_t node) { off_.insert(node); }
  void power_on(size_t node) { off_.erase(node); }
  std::vector<std::string> raw_sent;  // every datagram, for replay tests
  std::vector<LogLine> logs;

  void run_for(Millis d) {
    for (auto end = now_ + d; now_ < end; now_ += 10ms) {
      for (size_t i = 0; i < layers_.size(); ++i) {
        if (off_.count(i)) continue;
        Outbox out;
        layers_[i]->on_tick(now_, out);
        deliver(i, out);
      }
    }
  }

  void send(size_t from, const std::string& to, std::string data) {
    Outbox out;
    REQUIRE(layers_[from]->send(to, "test", data, out));
    deliver(from, out);
  }

  void inject(size_t to, size_t medium, std::string_view bytes) {
    Outbox out;
    layers_[to]->on_datagram(medium, bytes, now_, out);
    deliver(to, out);
  }

 private:
  void deliver(size_t from, Outbox& out) {
    for (auto& m : out.delivered) inbox_[from].push_back(std::move(m));
    for (auto& l : out.log) logs.push_back(l);
    std::vector<std::pair<size_t, std::string>> sends;
    for (auto& d : out.datagrams) {
      raw_sent.push_back(d);
      for (size_t medium = 0; medium < 2; ++medium) {
        if (cut_[from][medium]) continue;
        for (size_t to = 0; to < layers_.size(); ++to) {
          if (off_.count(to) || cut_[to][medium]) continue;
          if (to != from && loss_ > 0 && std::bernoulli_distribution(loss_)(rng_)) continue;
          Outbox next;
          layers_[to]->on_datagram(medium, d, now_, next);
          deliver(to, next);
        }
      }
    }
  }

  std::unique_ptr<MessagingLayer> make_layer(size_t i, uint64_t generation) {
    MessagingConfig c;
    c.local_node = names_[i];
    c.local_uuid = "uuid-" + names_[i];
    c.generation = generation;
    c.nodes = names_;
    c.interfaces = {"eth1", "eth2"};
    c.timing = timing_;
    c.incoming.retransmit_delay = 0ms;
    return std::make_unique<MessagingLayer>(c, test_keys(), now_);
  }

  std::vector<std::string> names_;
  LivenessTiming timing_;
  std::vector<std::unique_ptr<MessagingLayer>> layers_;
  std::vector<std::vector<DeliveredMessage>> inbox_;
  std::vector<std::array<bool, 2>> cut_;
  std::set<size_t> off_;
  double loss_ = 0;
  std::mt19937 rng_{1};
  MonoTime now_{};
};

}  // namespace

TEST_CASE("nodes hear each other on both links and exchange messages") {
  MemoryCluster c({"pm1", "pm2"});
  c.run_for(500ms);
  CHECK(c.at(0).liveness().node_status("pm2") == NodeStatus::active);
  CHECK(c.at(1).liveness().link_status("pm1", "eth2") == LinkStatus::up);
  CHECK(c.at(0).uuid_of("pm2") == "uuid-pm2");
  c.send(0, "", "hello");
  REQUIRE(c.inbox(1).size() == 1);
  CHECK(c.inbox(1)[0].data == "hello");
  CHECK(c.inbox(1)[0].from_node == "pm1");
  CHECK(c.inbox(0).empty());  // our own message is not delivered back to us
}

TEST_CASE("a cut link is dead within deadtime + keepalive, the node stays up; restored, it is up") {
  MemoryCluster c({"pm1", "pm2"});
  c.run_for(500ms);
  c.cut(1, 0, true);  // pm2's eth1
  c.run_for(1200ms);
  CHECK(c.at(0).liveness().link_status("pm2", "eth1") == LinkStatus::dead);
  CHECK(c.at(0).liveness().node_status("pm2") == NodeStatus::active);
  // Once on pm1, once on pm2 itself (its own packets no longer come back on eth1).
  CHECK(std::count(c.logs.begin(), c.logs.end(), LogLine{LogLevel::info, "Link pm2:eth1 dead."}) == 2);
  c.cut(1, 0, false);
  c.run_for(300ms);
  CHECK(c.at(0).liveness().link_status("pm2", "eth1") == LinkStatus::up);
}

TEST_CASE("a powered-off node is declared dead by the others") {
  MemoryCluster c({"pm1", "pm2", "pm3"});
  c.run_for(500ms);
  c.power_off(2);
  c.run_for(1200ms);
  CHECK(c.at(0).liveness().node_status("pm3") == NodeStatus::dead);
  CHECK(c.at(1).liveness().node_status("pm3") == NodeStatus::dead);
}

TEST_CASE("a node back within deadtime with a new generation is seen to leave and join again") {
  MemoryCluster c({"pm1", "pm2"});
  c.run_for(500ms);
  c.power_off(1);
  c.run_for(600ms);  // less than deadtime: pm1 still counts pm2 as active
  REQUIRE(c.at(0).liveness().node_status("pm2") == NodeStatus::active);
  c.restart(1, 2);
  c.logs.clear();
  c.power_on(1);
  c.run_for(300ms);
  auto at = [&](const std::string& text) {
    return std::find(c.logs.begin(), c.logs.end(), LogLine{LogLevel::info, text}) - c.logs.begin();
  };
  auto dead = std::find(c.logs.begin(), c.logs.end(), LogLine{LogLevel::warn, "node pm2: is dead"}) - c.logs.begin();
  auto restart = at("Heartbeat restart on node pm2");
  auto active = at("Status update for node pm2: status active");
  REQUIRE(restart < static_cast<long>(c.logs.size()));
  CHECK(restart < dead);
  CHECK(dead < active);
  CHECK(active < static_cast<long>(c.logs.size()));
  CHECK(c.at(0).liveness().node_status("pm2") == NodeStatus::active);
  for (const auto& l : c.logs) CHECK(l.text.find("Late heartbeat") == std::string::npos);
  // The new incarnation's stream starts afresh both ways.
  c.send(1, "", "from the new pm2");
  c.send(0, "", "to the new pm2");
  REQUIRE(c.inbox(0).size() == 1);
  CHECK(c.inbox(0)[0].data == "from the new pm2");
  REQUIRE_FALSE(c.inbox(1).empty());
  CHECK(c.inbox(1).back().data == "to the new pm2");
}

TEST_CASE("forged, wrong-key, truncated and replayed packets change nothing but drop counters") {
  MemoryCluster c({"pm1", "pm2"});
  c.run_for(300ms);
  std::string old_keepalive = c.raw_sent.front();
  c.send(0, "", "real");
  size_t before = c.inbox(1).size();

  // Signed with another secret.
  MessagingLayer intruder({.local_node = "pm1", .local_uuid = "x", .generation = 99,
                           .nodes = {"pm1", "pm2"}, .interfaces = {"eth1"}},
                          test_keys("auth 1\n1 sha1 wrong\n"), MonoTime{});
  Outbox forged;
  REQUIRE(intruder.send("", "test", "evil", forged));
  for (auto& d : forged.datagrams) c.inject(1, 0, d);
  c.inject(1, 0, old_keepalive.substr(0, 10));     // truncated
  c.inject(1, 0, "garbage that is not protobuf");  // malformed
  c.run_for(300ms);
  c.inject(1, 0, old_keepalive);  // replayed
  CHECK(c.inbox(1).size() == before);
  const auto& drops = c.at(1).drops();
  CHECK(drops.count(DropReason::bad_digest) >= 1);
  CHECK(drops.count(DropReason::malformed) >= 2);
  CHECK(drops.count(DropReason::replayed) == 1);
  CHECK(c.at(1).liveness().node_status("pm1") == NodeStatus::active);
}

TEST_CASE("a powered-off node's replayed keepalives do not bring it back") {
  MemoryCluster c({"pm1", "pm2"});
  c.run_for(500ms);
  std::vector<std::string> recorded = c.raw_sent;  // includes pm2's keepalives
  c.power_off(1);
  c.run_for(1500ms);
  REQUIRE(c.at(0).liveness().node_status("pm2") == NodeStatus::dead);
  for (const auto& d : recorded) c.inject(0, 0, d);
  CHECK(c.at(0).liveness().node_status("pm2") == NodeStatus::dead);
}

TEST_CASE("packets from a node that is not configured are dropped with autojoin none") {
  MemoryCluster c({"pm1", "pm2"});
  MessagingLayer stranger({.local_node = "pm9", .local_uuid = "x", .generation = 1,
                           .nodes = {"pm9"}, .interfaces = {"eth1"}},
                          test_keys(), MonoTime{});
  Outbox out;
  stranger.on_tick(MonoTime{}, out);
  for (auto& d : out.datagrams) c.inject(0, 0, d);
  CHECK(c.at(0).drops().count(DropReason::unknown_node) == 1);
  CHECK(c.at(0).liveness().nodes().size() == 2);
}

TEST_CASE("1,000 messages with 5 % loss on both links arrive in order, once") {
  MemoryCluster c({"pm1", "pm2"});
  c.run_for(300ms);
  c.set_loss(0.05);
  for (int i = 0; i < 1000; ++i) {
    c.send(0, "pm2", std::to_string(i));
    if (i % 20 == 0) c.run_for(10ms);
  }
  c.run_for(3000ms);
  REQUIRE(c.inbox(1).size() == 1000);
  for (int i = 0; i < 1000; ++i) REQUIRE(c.inbox(1)[i].data == std::to_string(i));
}
