// The Fencer with a fake executor, fake timers and an in-memory "network" of Fencers: priority
// order, per-device and overall timeouts, asking other nodes, results everywhere, history, the
// log lines pm_logconv reads.
#include "stonithd/fencer.h"

#include <catch2/catch.hpp>

#include "stonithd/fake_plugin_executor.h"
#include "stonithd/stonithd_protocol.h"
#include "tests/support/fake_clock.h"

namespace pacer::stonithd {
namespace {

namespace pb = proto::stonithd;

// One node: its Fencer and what it logged; messages to peers are queued on the shared network.
struct Network;
struct Node {
  Node(Network& net, std::string name);
  std::string name;
  FakePluginExecutor executor;
  std::vector<std::string> lines;
  std::vector<pb::HistoryEntry> completed_events;
  std::unique_ptr<Fencer> fencer;
  bool logged(std::string_view text) const {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
  }
};

struct Network {
  FakeClock clock;
  ipc::TimerQueue queue{clock};
  lrmd::QueueTimers timers{queue};
  std::vector<std::unique_ptr<Node>> nodes;
  struct Packet {
    std::string from, to, bytes;
  };
  std::deque<Packet> in_flight;
  Node& add(const std::string& name) { return *nodes.emplace_back(std::make_unique<Node>(*this, name)); }
  void deliver() {
    while (!in_flight.empty()) {
      Packet p = std::move(in_flight.front());
      in_flight.pop_front();
      for (auto& n : nodes)
        if (p.to.empty() || p.to == n->name) n->fencer->peer_message(p.from, p.bytes);
    }
  }
  void advance(Millis by) {
    clock.advance(by);
    queue.run_due();
  }
};

Node::Node(Network& net, std::string n) : name(std::move(n)) {
  FencerSeams seams{net.timers, executor, net.clock,
                    [&net, this](const std::string& to, const std::string& bytes) {
                      net.in_flight.push_back({name, to, bytes});
                      return Status::ok();
                    },
                    [this](LogLevel, std::string_view line) { lines.emplace_back(line); },
                    [this](const pb::HistoryEntry& e) { completed_events.push_back(e); }};
  fencer = std::make_unique<Fencer>(name, PluginPaths{}, std::move(seams));
}

DeviceConfig device(const std::string& id, const std::string& type, std::map<std::string, std::string> params) {
  auto d = make_device(id, type, std::move(params));
  REQUIRE(d);
  return *d;
}

// Registers a device whose status succeeds and whose gethosts prints `hosts`.
void register_ok(Node& n, DeviceConfig d, const std::string& hosts) {
  bool done = false;
  n.fencer->register_device(std::move(d), [&](const pb::Reply& r) {
    CHECK(r.ok());
    done = true;
  });
  n.executor.finish(0);          // status
  if (!n.executor.running.empty()) n.executor.finish(0, hosts);  // gethosts
  REQUIRE(done);
}

TEST_CASE("registration: status, then gethosts; failures give rc 1 and 2") {
  Network net;
  Node& pm2 = net.add("pm2");
  pb::Reply reply;
  pm2.fencer->register_device(device("st1", "external/ssh", {{"hostlist", "pm1"}}),
                              [&](const pb::Reply& r) { reply = r; });
  CHECK(pm2.executor.front_argv() == "/usr/sbin/stonith -t external/ssh -E -S");
  pm2.executor.finish(5);
  CHECK(reply.rc() == 1);
  CHECK_FALSE(reply.ok());

  pm2.fencer->register_device(device("st1", "external/ssh", {{"hostlist", "pm1"}}),
                              [&](const pb::Reply& r) { reply = r; });
  pm2.executor.finish(0);
  CHECK(pm2.executor.front_argv() == "/usr/sbin/stonith -t external/ssh -E -l");
  pm2.executor.finish(0, "\n");
  CHECK(reply.rc() == 2);
  CHECK(pm2.fencer->devices().empty());

  register_ok(pm2, device("st1", "external/ssh", {{"hostlist", "pm1"}}), "pm1\n");
  REQUIRE(pm2.fencer->devices().size() == 1);
  CHECK(pm2.fencer->devices("PM1").size() == 1);  // host names compare without case
  CHECK(pm2.fencer->devices("pm3").empty());
  CHECK(pm2.fencer->unregister_device("st1").ok());
  CHECK(pm2.fencer->devices().empty());
  CHECK(pm2.fencer->unregister_device("st1").ok());  // stop is idempotent
}

TEST_CASE("a fence agent with a static host list needs no list command") {
  Network net;
  Node& pm2 = net.add("pm2");
  pb::Reply reply;
  pm2.fencer->register_device(device("fd", "fence_dummy", {{"pcmk_host_list", "pm1,pm3"}}),
                              [&](const pb::Reply& r) { reply = r; });
  REQUIRE(pm2.executor.running.size() == 1);
  CHECK(pm2.executor.running.front().command.stdin_data == "action=monitor\n");
  pm2.executor.finish(0);
  CHECK(reply.ok());
  CHECK(pm2.fencer->devices("pm3").size() == 1);
}

TEST_CASE("devices are tried in priority order; a failure logs the next-device line") {
  Network net;
  Node& pm2 = net.add("pm2");
  register_ok(pm2, device("meat", "meatware", {{"hostlist", "pm1"}, {"priority", "3"}}), "pm1");
  register_ok(pm2, device("helper", "external/stonith-helper", {{"hostlist", "pm1"}, {"priority", "1"}}), "pm1");
  register_ok(pm2, device("switch", "external/sandbox", {{"hostlist", "pm1"}, {"priority", "2"},
                                                         {"stonith-timeout", "300s"}}), "pm1");
  FenceOutcome outcome;
  int calls = 0;
  pm2.fencer->fence("pm1", FenceAction::reset, Millis(740000), "crmd", [&](const FenceOutcome& o) {
    outcome = o;
    ++calls;
  });
  CHECK(pm2.executor.front_argv() == "/usr/sbin/stonith -t external/stonith-helper -E -T reset pm1");
  CHECK(pm2.executor.running.front().timeout == Millis(60000));
  CHECK(pm2.logged("stonith_operate_locally::2683: sending fencing op RESET for pm1 to helper "
                   "(external/stonith-helper) (pid="));
  pm2.executor.finish(5);
  CHECK(pm2.logged("failed to STONITH node pm1 with local device helper (exitcode 5), gonna try the next local device"));
  CHECK(pm2.executor.front_argv() == "/usr/sbin/stonith -t external/sandbox -E -T reset pm1");
  CHECK(pm2.executor.running.front().timeout == Millis(300000));
  pm2.executor.finish(1);
  CHECK(pm2.executor.front_argv() == "/usr/sbin/stonith -t meatware -E -T reset pm1");
  // The plugin sees its parameters, never stonithd's own.
  const auto& env = *pm2.executor.running.front().command.env;
  CHECK(std::find(env.begin(), env.end(), "hostlist=pm1") != env.end());
  CHECK(std::none_of(env.begin(), env.end(), [](const std::string& e) { return e.starts_with("priority="); }));
  CHECK(calls == 0);
  pm2.executor.finish(0);
  REQUIRE(calls == 1);
  CHECK(outcome.ok);
  CHECK(outcome.executioner == "pm2");
  CHECK(pm2.logged("Succeeded to STONITH the node pm1: optype=RESET. whodoit: pm2"));
  auto history = pm2.fencer->history("pm1");
  REQUIRE(history.size() == 1);
  CHECK(history[0].state() == pb::DONE);
  CHECK(history[0].executioner() == "pm2");
  CHECK(history[0].client() == "crmd");
}

TEST_CASE("each device is bounded by what is left of the request's timeout") {
  Network net;
  Node& pm2 = net.add("pm2");
  register_ok(pm2, device("a", "external/ssh", {{"hostlist", "pm1"}, {"stonith-timeout", "70s"}}), "pm1");
  register_ok(pm2, device("b", "meatware", {{"hostlist", "pm1"}, {"stonith-timeout", "600s"}}), "pm1");
  FenceOutcome outcome;
  pm2.fencer->fence("pm1", FenceAction::off, Millis(100000), "crmd", [&](const FenceOutcome& o) { outcome = o; });
  CHECK(pm2.executor.running.front().timeout == Millis(70000));
  net.advance(Millis(70000));
  pm2.executor.finish(6, "", true);
  CHECK(pm2.logged("(exitcode 6)"));
  CHECK(pm2.executor.running.front().timeout == Millis(30000));
  net.advance(Millis(30000));  // the request's own timer
  CHECK(outcome.timed_out);
  CHECK_FALSE(outcome.ok);
  CHECK(pm2.logged("Failed to STONITH the node pm1: optype=POWEROFF, op_result=TIMEOUT"));
  pm2.executor.finish(0);  // the plugin ending late changes nothing
  CHECK(pm2.fencer->history("pm1").at(0).state() == pb::FAILED);
}

TEST_CASE("when the local devices fail, another node's stonithd fences; every node learns the result") {
  Network net;
  Node& pm1 = net.add("pm1");
  Node& pm2 = net.add("pm2");
  Node& pm3 = net.add("pm3");
  register_ok(pm1, device("local", "external/ssh", {{"hostlist", "pm3"}}), "pm3");
  register_ok(pm2, device("remote", "external/sandbox", {{"hostlist", "pm3"}}), "pm3");
  FenceOutcome outcome;
  pm1.fencer->fence("pm3", FenceAction::reset, Millis(120000), "stonith_admin.1",
                    [&](const FenceOutcome& o) { outcome = o; });
  pm1.executor.finish(5);
  net.deliver();  // Query -> Offer (pm2 only) -> Execute
  REQUIRE(pm2.executor.running.size() == 1);
  CHECK(pm2.executor.front_argv() == "/usr/sbin/stonith -t external/sandbox -E -T reset pm3");
  CHECK(pm3.executor.running.empty());
  pm2.executor.finish(0);
  net.deliver();
  CHECK(outcome.ok);
  CHECK(outcome.executioner == "pm2");
  CHECK(pm1.logged("Succeeded to STONITH the node pm3: optype=RESET. whodoit: pm2"));
  for (Node* n : {&pm1, &pm2, &pm3}) {
    REQUIRE(n->completed_events.size() == 1);
    CHECK(n->completed_events[0].executioner() == "pm2");
    CHECK(n->fencer->history("pm3").size() == 1);
  }
}

TEST_CASE("a node whose devices failed is not asked again; with nobody left the request times out") {
  Network net;
  Node& pm1 = net.add("pm1");
  Node& pm2 = net.add("pm2");
  register_ok(pm2, device("remote", "external/ssh", {{"hostlist", "pm3"}}), "pm3");
  FenceOutcome outcome;
  pm1.fencer->fence("pm3", FenceAction::reset, Millis(60000), "crmd", [&](const FenceOutcome& o) { outcome = o; });
  CHECK(pm1.logged("No local device can fence pm3"));
  net.deliver();
  pm2.executor.finish(5);
  net.deliver();  // Outcome(failed) -> Query again -> pm2 offers, ignored
  CHECK(pm2.executor.running.empty());
  net.advance(Millis(60000));
  CHECK(outcome.timed_out);
}

TEST_CASE("a second request for the same target joins the running one") {
  Network net;
  Node& pm2 = net.add("pm2");
  register_ok(pm2, device("a", "external/ssh", {{"hostlist", "pm1"}}), "pm1");
  int done = 0;
  pm2.fencer->fence("pm1", FenceAction::reset, Millis(60000), "crmd", [&](const FenceOutcome&) { ++done; });
  pm2.fencer->fence("pm1", FenceAction::reset, Millis(60000), "stonith_admin", [&](const FenceOutcome&) { ++done; });
  CHECK(pm2.executor.running.size() == 1);
  pm2.executor.finish(0);
  CHECK(done == 2);
}

TEST_CASE("a plugin that cannot be executed counts as a failed device") {
  Network net;
  Node& pm2 = net.add("pm2");
  register_ok(pm2, device("a", "external/ssh", {{"hostlist", "pm1"}}), "pm1");
  register_ok(pm2, device("b", "meatware", {{"hostlist", "pm1"}}), "pm1");
  pm2.executor.fail_next_start = true;
  bool ok = false;
  pm2.fencer->fence("pm1", FenceAction::reset, Millis(60000), "crmd", [&](const FenceOutcome& o) { ok = o.ok; });
  CHECK(pm2.logged("with local device a (exitcode 8)"));
  pm2.executor.finish(0);
  CHECK(ok);
}

TEST_CASE("monitor: status of a registered device, 7 for an unknown one") {
  Network net;
  Node& pm2 = net.add("pm2");
  register_ok(pm2, device("a", "external/ssh", {{"hostlist", "pm1"}}), "pm1");
  pb::Reply reply;
  pm2.fencer->device_status("nope", [&](const pb::Reply& r) { reply = r; });
  CHECK(reply.rc() == 7);
  pm2.fencer->device_status("a", [&](const pb::Reply& r) { reply = r; });
  pm2.executor.finish(5);
  CHECK(reply.rc() == 1);
  pm2.fencer->device_status("a", [&](const pb::Reply& r) { reply = r; });
  pm2.executor.finish(0);
  CHECK(reply.rc() == 0);
}

TEST_CASE("garbage from a peer is ignored and logged") {
  Network net;
  Node& pm2 = net.add("pm2");
  pm2.fencer->peer_message("pm1", "\xff\xff garbage");
  CHECK(pm2.logged("Ignoring a message from pm1"));
}

}  // namespace
}  // namespace pacer::stonithd
