// AttrdCore between a fake CIB, fake peers and a fake clock: relays, announcements, queries and the
// log lines pm_logconv reads.
#include "attrd/attrd_core.h"

#include <catch2/catch.hpp>

#include "tests/support/fake_clock.h"

namespace pacer::attrd {
namespace {

struct Sent {
  std::string node;
  PeerMessage message;
};

struct Node {
  FakeClock& clock;
  ipc::TimerQueue queue{clock};
  QueueTimers timers{queue};
  std::vector<cib::CibRequest> cib;
  std::vector<Sent> sent;
  std::vector<std::string> log;
  AttrdCore core;

  Node(FakeClock& c, NodeIdentity id)
      : clock(c),
        core(std::move(id), AttrdSeams{timers,
                                       [this](const cib::CibRequest& r) {
                                         cib.push_back(r);
                                         return Status::ok();
                                       },
                                       [this](const std::string& node, const std::string& bytes) {
                                         sent.push_back({node, *decode_peer_message(bytes)});
                                         return Status::ok();
                                       },
                                       [this](LogLevel, std::string_view line) { log.emplace_back(line); }}) {}
};

AttributeUpdate set(std::string name, std::string value, std::string node = "") {
  AttributeUpdate u;
  u.name = std::move(name);
  u.value = std::move(value);
  u.node = std::move(node);
  return u;
}

TEST_CASE("an update for another node is relayed, applied by its owner", "[attrd][relay]") {
  FakeClock clock;
  Node pm1(clock, {"pm1", "uuid-1"});
  Node pm2(clock, {"pm2", "uuid-2"});
  REQUIRE(pm1.core.client_update(set("fail-count-x", "value++", "pm2")));
  REQUIRE(pm1.core.client_update(set("fail-count-x", "value++", "pm2")));
  CHECK(pm1.cib.empty());
  REQUIRE(pm1.sent.size() == 2);
  CHECK(pm1.sent[0].node == "pm2");
  for (const Sent& s : pm1.sent) pm2.core.peer_message("pm1", encode_peer_message(s.message));
  CHECK(pm2.core.query("fail-count-x", "").value == "2");
  REQUIRE(pm2.cib.size() == 2);
  CHECK(pm2.cib.back().data.find("value=\"2\"") != std::string::npos);
  CHECK(pm2.cib.back().data.find("node_state id=\"uuid-2\"") != std::string::npos);
  CHECK(pm2.log.back() == "attrd_perform_update: Sent update 3: fail-count-x=2");
  // pm2 announced what it wrote; pm1 learns pm2's value from it.
  REQUIRE(!pm2.sent.empty());
  CHECK(pm2.sent.back().node.empty());
  pm1.core.peer_message("pm2", encode_peer_message(pm2.sent.back().message));
  CHECK(pm1.core.query("fail-count-x", "pm2").value == "2");
  CHECK_FALSE(pm1.core.query("fail-count-x", "pm1").value);
  pm1.core.peer_lost("pm2");
  CHECK_FALSE(pm1.core.query("fail-count-x", "pm2").value);
}

TEST_CASE("an update naming this node is applied here", "[attrd][relay]") {
  FakeClock clock;
  Node pm1(clock, {"pm1", "uuid-1"});
  REQUIRE(pm1.core.client_update(set("x", "1", "pm1")));
  CHECK(pm1.sent.size() == 1);  // the announcement only
  CHECK(std::holds_alternative<NodeValue>(pm1.sent[0].message));
  CHECK(pm1.cib.size() == 1);
}

TEST_CASE("peers cannot speak for other nodes", "[attrd][relay]") {
  FakeClock clock;
  Node pm1(clock, {"pm1", "uuid-1"});
  // A relay for pm3 arriving at pm1 is dropped.
  pm1.core.peer_message("pm2", encode_peer_message(PeerMessage(set("x", "1", "pm3"))));
  CHECK(pm1.cib.empty());
  // An announcement about pm3 sent by pm2 is dropped.
  pm1.core.peer_message("pm2", encode_peer_message(PeerMessage(NodeValue{"pm3", "x", "1"})));
  CHECK_FALSE(pm1.core.query("x", "pm3").value);
  pm1.core.peer_message("pm2", "garbage");
  CHECK(pm1.log.back().starts_with("Dropped a message from the attrd on pm2"));
}

TEST_CASE("delete logs the line pm_logconv reads", "[attrd]") {
  FakeClock clock;
  Node pm1(clock, {"pm1", "uuid-1"});
  AttributeUpdate del;
  del.name = "default_ping_set";
  del.remove = true;
  REQUIRE(pm1.core.client_update(del));
  REQUIRE(pm1.cib.size() == 1);
  CHECK(pm1.cib[0].operation == cib::CibOperation::remove);
  CHECK(pm1.log.back() ==
        "attrd_perform_update: Sent delete 2: node=uuid-1, attr=default_ping_set, "
        "id=status-uuid-1-default_ping_set, set=status-uuid-1, section=status");
}

TEST_CASE("dampened updates reach the CIB once", "[attrd][dampen]") {
  FakeClock clock;
  Node pm1(clock, {"pm1", "uuid-1"});
  auto u = set("test", "1");
  u.dampen = Millis(5000);
  REQUIRE(pm1.core.client_update(u));
  REQUIRE(pm1.core.client_update(set("test", "2")));
  REQUIRE(pm1.core.client_update(set("test", "3")));
  clock.advance(Millis(5000));
  pm1.queue.run_due();
  REQUIRE(pm1.cib.size() == 1);
  CHECK(pm1.cib[0].data.find("value=\"3\"") != std::string::npos);
}

}  // namespace
}  // namespace pacer::attrd

namespace pacer::attrd {
namespace {

TEST_CASE("a joining peer is told this node's values", "[attrd][relay]") {
  FakeClock clock;
  Node pm1(clock, {"pm1", "uuid-1"});
  pm1.core.load({{"pm2-eth1", "up"}, {"default_ping_set", "100"}});
  pm1.sent.clear();
  pm1.core.announce_all("pm2");
  REQUIRE(pm1.sent.size() == 2);
  CHECK(pm1.sent[0].node == "pm2");
  Node pm2(clock, {"pm2", "uuid-2"});
  for (const Sent& s : pm1.sent) pm2.core.peer_message("pm1", encode_peer_message(s.message));
  CHECK(pm2.core.query("default_ping_set", "pm1").value == "100");
  CHECK(pm1.cib.empty());  // loaded values are not rewritten
  pm1.core.refresh();
  CHECK(pm1.cib.size() == 2);
}

}  // namespace
}  // namespace pacer::attrd
