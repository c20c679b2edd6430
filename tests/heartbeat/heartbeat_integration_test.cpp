// heartbeatd on a sandbox cluster: membership, link and node failure detection, split brain,
// hostile packets, the failure table with stand-in daemons, and reliable messaging under loss.
#include <catch2/catch.hpp>
#include <thread>

#include "tests/heartbeat/heartbeat_cluster.h"

using namespace pacer;
using namespace pacer::testing;
using namespace std::chrono;
using sandbox::Lan;

namespace {

// Detection bound of the issue: deadtime + one keepalive, plus what one poll through nsenter costs.
constexpr milliseconds kDetectionBound = kDeadtime + kKeepalive + milliseconds(150);

std::string pid_of(HeartbeatCluster& c, const std::string& node, const std::string& pattern) {
  std::string out;
  c.run_status(node, "pgrep -xf '" + pattern + "' | head -1", &out);
  return out;
}

bool log_has(HeartbeatCluster& c, const std::string& node, const std::string& text) {
  return c.ha_log(node).find(text) != std::string::npos;
}

std::map<std::string, long> drops(HeartbeatCluster& c, const std::string& node) {
  std::map<std::string, long> out;
  std::string text = c.run(node, "hb-test-tool drops");
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string line = text.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    size_t space = line.rfind(' ');
    if (space != std::string::npos) out[line.substr(0, space)] = std::stol(line.substr(space + 1));
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("2 and 4 nodes form one membership and cl_status agrees everywhere", "[heartbeat]") {
  for (int n : {2, 4}) {
    INFO(n << " nodes");
    auto c = HeartbeatCluster::start({.nodes = n});
    std::string all;
    for (const auto& node : c->nodes()) all += (all.empty() ? "" : ",") + node;
    REQUIRE(c->wait_for_membership(c->nodes(), all, seconds(15)));
    std::string expected_list;
    for (const auto& node : c->nodes()) expected_list += (expected_list.empty() ? "" : "\n") + node;
    for (const auto& node : c->nodes()) {
      CHECK(c->run(node, "cl_status listnodes") == expected_list);
      for (const auto& other : c->nodes()) {
        CHECK(c->run(node, "cl_status nodestatus " + other) == "active");
        if (other != node) CHECK(c->run(node, "cl_status hblinkstatus " + other + " eth1") == "up");
      }
      CHECK(c->run(node, "cl_status listhblinks " + node) == "\teth1\n\teth2");
      CHECK(c->run(node, "cl_status hbstatus") == "Heartbeat is running on this machine.");
    }
    // clientstatus asks the other node's heartbeatd.
    CHECK(c->run("pm1", "cl_status clientstatus pm2 ccm") == "online");
    std::string out;
    CHECK(c->run_status("pm1", "cl_status clientstatus pm2 nosuchclient", &out) == 1);
    CHECK(out == "offline");
  }
}

TEST_CASE("a cut interconnect, then split brain, then healing", "[heartbeat]") {
  auto c = HeartbeatCluster::start({.nodes = 2});
  REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));

  REQUIRE(c->sandbox().cut(Lan::ic1, "pm2"));
  auto detected = HeartbeatCluster::wait_until(
      [&] { return c->run(c->nodes()[0], "cl_status hblinkstatus pm2 eth1") == "dead"; }, seconds(5));
  REQUIRE(detected);
  CHECK(*detected <= kDetectionBound);
  // pm2 heard pm1's last packet on eth1 at its own moment: it may decide up to a tick later.
  CHECK(HeartbeatCluster::wait_until([&] { return c->run("pm2", "cl_status hblinkstatus pm1 eth1") == "dead"; },
                                     kDetectionBound));
  CHECK(c->run("pm1", "cl_status nodestatus pm2") == "active");
  CHECK(c->run("pm1", "cl_status hblinkstatus pm2 eth2") == "up");
  CHECK(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(2)));
  CHECK(log_has(*c, "pm1", "info: Link pm2:eth1 dead."));

  REQUIRE(c->sandbox().restore(Lan::ic1, "pm2"));
  CHECK(HeartbeatCluster::wait_until([&] { return c->run("pm1", "cl_status hblinkstatus pm2 eth1") == "up"; },
                                     seconds(3)));
  CHECK(log_has(*c, "pm1", "info: Link pm2:eth1 up."));

  // Both interconnects cut: each side loses the other and keeps quorum (two-node rule).
  REQUIRE(c->sandbox().cut(Lan::ic1, "pm2"));
  REQUIRE(c->sandbox().cut(Lan::ic2, "pm2"));
  REQUIRE(c->wait_for_membership({"pm1"}, "pm1", seconds(5)));
  REQUIRE(c->wait_for_membership({"pm2"}, "pm2", seconds(5)));
  CHECK(c->run("pm1", "cl_status nodestatus pm2") == "dead");
  CHECK(c->run("pm2", "cl_status nodestatus pm1") == "dead");
  CHECK(c->run("pm1", "hb-test-tool membership").find("quorate Y") != std::string::npos);
  CHECK(c->run("pm2", "hb-test-tool membership").find("quorate Y") != std::string::npos);

  REQUIRE(c->sandbox().restore(Lan::ic1, "pm2"));
  REQUIRE(c->sandbox().restore(Lan::ic2, "pm2"));
  CHECK(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(10)));
}

TEST_CASE("mcast and ucast media carry the cluster too", "[heartbeat]") {
  // ucast lines for every node: each node skips the one naming its own address.
  auto c = HeartbeatCluster::start(
      {.nodes = 2, .media = "mcast eth1 239.0.0.94 694 1 0\nucast eth2 198.18.2.1\nucast eth2 198.18.2.2\n"});
  REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
  CHECK(c->run("pm1", "cl_status hblinkstatus pm2 eth1") == "up");
  CHECK(c->run("pm1", "cl_status hblinkstatus pm2 eth2") == "up");
  // Two ucast lines, one naming pm1's own address: one ucast writer.
  CHECK(c->run("pm1", "pgrep -c -xf 'heartbeatd: write: ucast eth2'") == "1");
  CHECK(c->run("pm1", "pgrep -c -xf 'heartbeatd: write: mcast eth1'") == "1");
  REQUIRE(c->sandbox().cut(Lan::ic1, "pm2"));
  CHECK(HeartbeatCluster::wait_until([&] { return c->run("pm1", "cl_status hblinkstatus pm2 eth1") == "dead"; },
                                     seconds(3)));
  CHECK(c->run("pm1", "cl_status nodestatus pm2") == "active");
}

TEST_CASE("SIGHUP: authkeys re-read, ha.cf change restarts heartbeat", "[heartbeat]") {
  auto c = HeartbeatCluster::start({.nodes = 2});
  REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
  c->run("pm1", "/usr/libexec/pacer/heartbeatd -r");
  CHECK(HeartbeatCluster::wait_until([&] { return log_has(*c, "pm1", "info: Configuration unchanged."); }, seconds(3)));
  // A key roll-over: both nodes list the new key, pm1 signs with it.
  for (std::string n : {"pm1", "pm2"})
    c->run(n, "printf 'auth 2\n1 sha1 integration-test\n2 sha256 rolled\n' > /etc/ha.d/authkeys; "
              "chmod 600 /etc/ha.d/authkeys; touch -d '+1 second' /etc/ha.d/authkeys; "
              "/usr/libexec/pacer/heartbeatd -r");
  CHECK(HeartbeatCluster::wait_until([&] { return log_has(*c, "pm1", "info: Rereading authentication file."); }, seconds(3)));
  std::this_thread::sleep_for(kDeadtime * 2);
  CHECK(c->run("pm2", "cl_status nodestatus pm1") == "active");
  c->run("pm1", "sed -i 's/^warntime .*/warntime 700ms/' /etc/ha.d/ha.cf; touch -d '+2 seconds' /etc/ha.d/ha.cf; "
                "/usr/libexec/pacer/heartbeatd -r");
  REQUIRE(HeartbeatCluster::wait_until([&] {
    return log_has(*c, "pm1", "Configuration file /etc/ha.d/ha.cf changed: restarting heartbeat.") &&
           log_has(*c, "pm1", "Heartbeat generation: 2");
  }, seconds(10)));
  CHECK(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
}

TEST_CASE("a powered-off node is dead within deadtime + keepalive and rejoins when back", "[heartbeat]") {
  auto c = HeartbeatCluster::start({.nodes = 2});
  REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
  REQUIRE(c->sandbox().power_off("pm2"));
  auto detected = HeartbeatCluster::wait_until(
      [&] { return c->run("pm1", "cl_status nodestatus pm2") == "dead"; }, seconds(5));
  REQUIRE(detected);
  CHECK(*detected <= kDetectionBound);
  CHECK(c->wait_for_membership({"pm1"}, "pm1", seconds(5)));
  REQUIRE(c->sandbox().power_on("pm2"));
  c->start_heartbeat("pm2");
  CHECK(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
}

TEST_CASE("a node rebooted within deadtime is seen to leave and join again", "[heartbeat]") {
  auto c = HeartbeatCluster::start({.nodes = 2, .deadtime_s = 6});
  REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(20)));
  REQUIRE(c->sandbox().reset("pm2"));
  c->start_heartbeat("pm2");
  // Long before deadtime: only the new generation tells pm1 that pm2's old incarnation is gone.
  CHECK(HeartbeatCluster::wait_until([&] { return c->ha_log("pm1").find("Heartbeat restart on node pm2") != std::string::npos; },
                                     seconds(4)));
  std::string log = c->ha_log("pm1");
  CHECK(log.find("node pm2: is dead") != std::string::npos);
  CHECK(log.find("with 1 member(s), leader pm1") != std::string::npos);
  CHECK(log.find("Late heartbeat: Node pm2") == std::string::npos);
  CHECK(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
}

TEST_CASE("forged, truncated, wrong-key and replayed packets change only the drop counters", "[heartbeat]") {
  auto c = HeartbeatCluster::start({.nodes = 2});
  REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
  std::string before = c->run("pm2", "hb-test-tool membership");
  auto drops_before = drops(*c, "pm2");
  for (std::string kind : {"forged", "truncated", "wrongkey", "replay"})
    c->run("pm1", "hb-test-tool inject " + kind + " eth1");
  std::this_thread::sleep_for(milliseconds(500));
  auto after = drops(*c, "pm2");
  CHECK(after["malformed"] >= drops_before["malformed"] + 40);  // forged + truncated
  CHECK(after["bad digest"] >= drops_before["bad digest"] + 20);
  CHECK(after["replayed"] >= drops_before["replayed"] + 19);    // the first copy may be new
  CHECK(c->run("pm2", "hb-test-tool membership") == before);
  CHECK(c->run("pm2", "cl_status nodestatus pm1") == "active");
  CHECK(c->run("pm2", "pgrep -xf 'heartbeatd: master control process' >/dev/null && echo alive") == "alive");
}

TEST_CASE("the failure table: core processes, respawned and failfast daemons", "[heartbeat]") {
  auto c = HeartbeatCluster::start({.nodes = 2});
  REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));

  SECTION("a medium's writer dies: reader and writer are restarted as a pair") {
    std::string writer = pid_of(*c, "pm1", "heartbeatd: write: bcast eth1");
    std::string reader = pid_of(*c, "pm1", "heartbeatd: read: bcast eth1");
    REQUIRE_FALSE(writer.empty());
    c->run("pm1", "kill -9 " + writer);
    auto restarted = HeartbeatCluster::wait_until(
        [&] { return log_has(*c, "pm1", "Communications restart succeeded."); }, seconds(5));
    INFO(c->ha_log("pm1"));
    REQUIRE(restarted);
    CHECK(log_has(*c, "pm1", "ERROR: HBWRITE process died.  Beginning communications restart process for comm channel 0."));
    CHECK(log_has(*c, "pm1", "ERROR: Both comm processes for channel 0 have died.  Restarting."));
    CHECK(pid_of(*c, "pm1", "heartbeatd: write: bcast eth1") != writer);
    CHECK(pid_of(*c, "pm1", "heartbeatd: read: bcast eth1") != reader);
    CHECK(HeartbeatCluster::wait_until([&] { return c->run("pm2", "cl_status hblinkstatus pm1 eth1") == "up"; },
                                       seconds(3)));
  }
  SECTION("the FIFO reader dies: it is restarted") {
    std::string fifo = pid_of(*c, "pm1", "heartbeatd: FIFO reader");
    c->run("pm1", "kill -9 " + fifo);
    REQUIRE(HeartbeatCluster::wait_until([&] {
      std::string now = pid_of(*c, "pm1", "heartbeatd: FIFO reader");
      return !now.empty() && now != fifo;
    }, seconds(5)));
    CHECK(log_has(*c, "pm1", "WARN: Restarting HBFIFO process."));
  }
  SECTION("respawned daemons (lrmd, stonithd, attrd, ifcheckd) come back") {
    for (std::string d : {"lrmd -r", "stonithd", "attrd", "ifcheckd"}) {
      INFO(d);
      std::string pid = pid_of(*c, "pm1", "/usr/libexec/pacer/" + d);
      REQUIRE_FALSE(pid.empty());
      c->run("pm1", "kill -9 " + pid);
      CHECK(HeartbeatCluster::wait_until([&] {
        std::string now = pid_of(*c, "pm1", "/usr/libexec/pacer/" + d);
        return !now.empty() && now != pid;
      }, seconds(5)));
      CHECK(log_has(*c, "pm1", "Respawning client \"/usr/libexec/pacer/" + d + "\":"));
    }
  }
  SECTION("exit code 100 is not respawned") {
    std::string pid = pid_of(*c, "pm1", "/usr/libexec/pacer/stonithd");
    c->run("pm1", "echo 100 > /run/standin-exit-code; kill -USR1 " + pid);
    REQUIRE(HeartbeatCluster::wait_until([&] {
      return log_has(*c, "pm1", "Client /usr/libexec/pacer/stonithd exited with return code 100.");
    }, seconds(5)));
    std::this_thread::sleep_for(milliseconds(1500));
    CHECK(pid_of(*c, "pm1", "/usr/libexec/pacer/stonithd").empty());
  }
  SECTION("the 11th quick death in a row is 'respawning too fast' and stays dead") {
    for (int i = 0; i < 11; ++i) {
      std::string pid;
      REQUIRE(HeartbeatCluster::wait_until([&] { return !(pid = pid_of(*c, "pm1", "/usr/libexec/pacer/attrd")).empty(); },
                                           seconds(5)));
      c->run("pm1", "kill -9 " + pid);
      REQUIRE(HeartbeatCluster::wait_until([&] { return pid_of(*c, "pm1", "/usr/libexec/pacer/attrd") != pid; },
                                           seconds(5)));
    }
    REQUIRE(HeartbeatCluster::wait_until([&] {
      return log_has(*c, "pm1", "ERROR: Client /usr/libexec/pacer/attrd \"respawning too fast\"");
    }, seconds(5)));
    std::this_thread::sleep_for(milliseconds(1500));
    CHECK(pid_of(*c, "pm1", "/usr/libexec/pacer/attrd").empty());
  }
  SECTION("a failfast daemon (ccm, cib, crmd) killed: the node is rebooted") {
    for (std::string d : {"cib", "crmd", "ccm"}) {
      INFO(d);
      int boots = c->sandbox().status("pm1")->boots;
      c->run("pm1", "pkill -9 -xf /usr/libexec/pacer/" + d);
      auto booted = c->sandbox().wait_for_boot("pm1", boots, seconds(10));
      REQUIRE(booted);
      CHECK(log_has(*c, "pm1", "EMERG: Rebooting system.  Reason: /usr/libexec/pacer/" + d));
      c->start_heartbeat("pm1");
      REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
    }
  }
}

TEST_CASE("the master control process killed with a watchdog configured: the node is reset", "[heartbeat]") {
  auto c = HeartbeatCluster::start({.nodes = 2, .watchdog = true});
  REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
  int boots = c->sandbox().status("pm2")->boots;
  c->run("pm2", "pkill -9 -xf 'heartbeatd: master control process'");
  auto booted = c->sandbox().wait_for_boot("pm2", boots, seconds(10));
  REQUIRE(booted);
  CHECK(c->sandbox().status("pm2")->last_death.find("watchdog") != std::string::npos);
  CHECK(log_has(*c, "pm2", "CRIT: Emergency Shutdown: Master Control process died."));
}

TEST_CASE("10,000 messages through 5 % loss on both links arrive in order, once; 5 MB intact", "[heartbeat]") {
  auto c = HeartbeatCluster::start({.nodes = 2});
  REQUIRE(c->wait_for_membership({"pm1", "pm2"}, "pm1,pm2", seconds(15)));
  REQUIRE(c->sandbox().set_loss({{Lan::ic1, "", "", 5}, {Lan::ic2, "", "", 5}}));

  auto receiver = c->sandbox().spawn("pm2", {"hb-test-tool", "recv", "10000", "120000"});
  REQUIRE(receiver);
  std::this_thread::sleep_for(milliseconds(500));
  c->run("pm1", "hb-test-tool send pm2 10000");
  auto got = receiver->wait(seconds(150));
  REQUIRE(got);
  CHECK(got->stdout_text.find("received 10000 in_order Y duplicates 0") != std::string::npos);
  auto counters = c->sandbox().loss_counters();
  REQUIRE(counters);
  for (const auto& counter : *counters) CHECK(counter.packets > 0);

  auto big = c->sandbox().spawn("pm2", {"hb-test-tool", "recv-big", "60000"});
  REQUIRE(big);
  std::this_thread::sleep_for(milliseconds(500));
  std::string sent = c->run("pm1", "hb-test-tool send-big pm2 5242880");
  auto big_got = big->wait(seconds(90));
  REQUIRE(big_got);
  std::string sent_checksum = sent.substr(sent.find("checksum ") + 9);
  sent_checksum = sent_checksum.substr(0, sent_checksum.find(' '));
  CHECK(big_got->stdout_text.find("size 5242880 checksum " + sent_checksum) != std::string::npos);
}
