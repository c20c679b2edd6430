#include "heartbeatd/liveness.h"

#include <catch2/catch.hpp>

using namespace pacer;
using namespace pacer::heartbeat;
using namespace std::chrono_literals;
using Kind = LivenessEvent::Kind;

namespace {
// The seed's timing: keepalive 2 s, warntime 7 s, deadtime 10 s, initdead 48 s.
const LivenessTiming kSeed{2000ms, 10000ms, 7000ms, 48000ms};
const MonoTime t0{};

Liveness seed_cluster() { return Liveness(kSeed, "pm1", {"pm1", "pm2"}, {"eth1", "eth2"}, t0); }
}  // namespace

TEST_CASE("hearing a node brings its link and the node up") {
  auto l = seed_cluster();
  CHECK(l.node_status("pm2") == NodeStatus::init);
  auto e = l.heard("pm2", 0, t0 + 1s);
  CHECK(e == std::vector<LivenessEvent>{{Kind::link_up, "pm2", "eth1"}, {Kind::node_active, "pm2", ""}});
  CHECK(l.heard("pm2", 1, t0 + 1s) == std::vector<LivenessEvent>{{Kind::link_up, "pm2", "eth2"}});
  CHECK(l.link_status("pm2", "eth2") == LinkStatus::up);
}

TEST_CASE("a cut interconnect: the link dies after deadtime, the node stays active over the other") {
  auto l = seed_cluster();
  (void)l.heard("pm2", 0, t0);
  (void)l.heard("pm2", 1, t0);
  for (auto t = 2s; t <= 20s; t += 2s) {
    (void)l.heard("pm2", 1, t0 + t);  // eth2 keeps working
    auto e = l.tick(t0 + t);
    if (t < 10s) CHECK(e.empty());
    if (t == 10s) CHECK(e == std::vector<LivenessEvent>{{Kind::link_dead, "pm2", "eth1"}});
  }
  CHECK(l.node_status("pm2") == NodeStatus::active);
  CHECK(l.heard("pm2", 0, t0 + 21s) == std::vector<LivenessEvent>{{Kind::link_up, "pm2", "eth1"}});
}

TEST_CASE("a silent node is dead after deadtime, with both links") {
  auto l = seed_cluster();
  (void)l.heard("pm2", 0, t0);
  (void)l.heard("pm2", 1, t0);
  CHECK(l.tick(t0 + 9999ms).empty());
  auto e = l.tick(t0 + 10s);
  CHECK(e == std::vector<LivenessEvent>{{Kind::link_dead, "pm2", "eth1"},
                                        {Kind::link_dead, "pm2", "eth2"},
                                        {Kind::node_dead, "pm2", ""}});
  CHECK(l.tick(t0 + 20s).empty());  // reported once
  CHECK(l.node_status("pm2") == NodeStatus::dead);
}

TEST_CASE("a node never heard is dead only after initdead") {
  auto l = seed_cluster();
  CHECK(l.tick(t0 + 47s).empty());
  CHECK(l.tick(t0 + 48s) == std::vector<LivenessEvent>{{Kind::node_dead, "pm2", ""}});
}

TEST_CASE("a heartbeat later than warntime is reported with its interval") {
  auto l = seed_cluster();
  (void)l.heard("pm2", 0, t0);
  auto e = l.heard("pm2", 0, t0 + 7010ms);
  CHECK(e == std::vector<LivenessEvent>{{Kind::late_heartbeat, "pm2", "", 7010ms}});
}

TEST_CASE("the local node is never declared dead; its own links follow its looped-back packets") {
  auto l = seed_cluster();
  (void)l.heard("pm1", 0, t0);
  auto e = l.tick(t0 + 60s);
  CHECK(std::find(e.begin(), e.end(), LivenessEvent{Kind::link_dead, "pm1", "eth1"}) != e.end());
  CHECK(l.node_status("pm1") == NodeStatus::active);
}

TEST_CASE("the next deadline is the earliest silence limit") {
  auto l = seed_cluster();
  (void)l.heard("pm1", 0, t0);
  (void)l.heard("pm1", 1, t0);
  (void)l.heard("pm2", 0, t0 + 1s);
  (void)l.heard("pm2", 1, t0 + 2s);
  CHECK(l.next_deadline() == t0 + 10s);
}

TEST_CASE("an unknown sender becomes a node (autojoin is checked by the caller)") {
  auto l = seed_cluster();
  (void)l.heard("pm3", 0, t0);
  CHECK(l.node_status("pm3") == NodeStatus::active);
  CHECK(l.nodes().size() == 3);
}
