// Fencing by the cluster: two nodes with heartbeatd (`pacemaker on`: cibd, lrmd, stonithd, attrd,
// crmd), the seed's placement (each node's power switch runs on the other node), a Dummy on pm1
// with a fail-count. pm1 is powered off: the DC on pm2 fences it through its stonithd and the
// sandbox switch (which boots pm1 again), the Dummy recovers on pm2, and pm1, started again,
// rejoins with no fail-count and no operation history from before.
#include <unistd.h>

#include <regex>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/sandbox/node_shell.h"
#include "tests/sandbox/sandbox.h"
#include "tests/stonithd/switch_server.h"

namespace {

using namespace pacer;
using namespace std::chrono;

struct Cluster {
  std::unique_ptr<sandbox::Sandbox> sb;
  std::unique_ptr<stonithd::testing::SwitchServer> power;

  ~Cluster() {
    if (sb && std::getenv("STONITHD_TEST_SHOW_LOG"))
      for (const char* n : {"pm1", "pm2"}) std::fprintf(stderr, "==== %s\n%s\n", n, log(n).c_str());
    power.reset();
  }
  void start(const std::string& n) {
    REQUIRE(sandbox::start_heartbeat(*sb, n, sandbox::stack_test_ha_cf({"pm1", "pm2"}), "stonithd-cluster"));
  }
  int status(const std::string& node, const std::string& script, std::string* out = nullptr) {
    auto r = sandbox::run_shell(*sb, node, script, seconds(60));
    if (out) *out = r.out;
    return r.code;
  }
  std::string run(const std::string& node, const std::string& script) {
    std::string out;
    int rc = status(node, script, &out);
    INFO(node << ": " << script << " -> " << rc << ": " << out);
    REQUIRE(rc == 0);
    return out;
  }
  std::string log(const std::string& node) {
    std::string out;
    status(node, "cat /var/log/ha-log", &out);
    return out;
  }
  std::string running_on(const std::string& node, const std::string& rsc) {
    std::string out;
    status(node, "crm_resource -W -r " + rsc, &out);
    std::smatch m;
    static const std::regex on("is running on: (pm[12])");
    return std::regex_search(out, m, on) ? m[1].str() : "";
  }
  static bool wait_until(const std::function<bool()>& probe, milliseconds timeout) {
    return sandbox::wait_until(probe, timeout);
  }
};

std::string nvpair(const std::string& id, const std::string& name, const std::string& value) {
  return "<nvpair id=\"" + id + "-" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>";
}

std::string stonith_primitive(const std::string& id, const std::string& target, const std::string& socket,
                              const std::string& priority = "2") {
  return "<primitive id=\"" + id + "\" class=\"stonith\" type=\"external/sandbox\">"
         "<instance_attributes id=\"" + id + "-ia\">" + nvpair(id, "hostlist", target) +
         nvpair(id, "sandbox_cli", PCR_SANDBOX_CLI) + nvpair(id, "control_socket", socket) +
         nvpair(id, "priority", priority) + "</instance_attributes>"
         "<operations><op id=\"" + id + "-start\" name=\"start\" interval=\"0s\" timeout=\"60s\"/>"
         "<op id=\"" + id + "-monitor\" name=\"monitor\" interval=\"3600s\" timeout=\"60s\"/>"
         "<op id=\"" + id + "-stop\" name=\"stop\" interval=\"0s\" timeout=\"60s\"/></operations></primitive>";
}

// The seed's last device: meatware, which waits for `meatclient -c TARGET` on its node.
std::string meatware_primitive(const std::string& id, const std::string& target, const std::string& priority = "") {
  return "<primitive id=\"" + id + "\" class=\"stonith\" type=\"meatware\">"
         "<instance_attributes id=\"" + id + "-ia\">" + nvpair(id, "hostlist", target) +
         (priority.empty() ? "" : nvpair(id, "priority", priority)) + "</instance_attributes>"
         "<operations><op id=\"" + id + "-start\" name=\"start\" interval=\"0s\" timeout=\"60s\"/>"
         "<op id=\"" + id + "-monitor\" name=\"monitor\" interval=\"3s\" timeout=\"30s\"/>"
         "<op id=\"" + id + "-stop\" name=\"stop\" interval=\"0s\" timeout=\"60s\"/></operations></primitive>";
}

// The seed's first device: stonith-helper, with the target's addresses on every LAN (eth0 too: a
// split brain cuts only the interconnects) and a short standby wait.
std::string helper_primitive(const std::string& id, const std::string& target, int target_number) {
  std::string n = std::to_string(target_number);
  return "<primitive id=\"" + id + "\" class=\"stonith\" type=\"external/stonith-helper\">"
         "<instance_attributes id=\"" + id + "-ia\">" + nvpair(id, "hostlist", target) +
         nvpair(id, "dead_check_target", "198.19.0." + n + " 198.18.1." + n + " 198.18.2." + n) +
         nvpair(id, "dead_check_trialcount", "2") +
         nvpair(id, "standby_check_command", "crm_resource -r prmDummy -W | grep -q &quot;running on: $(uname -n)&quot;") +
         nvpair(id, "standby_wait_time", "6") + nvpair(id, "priority", "1") +
         nvpair(id, "stonith-timeout", "40s") + "</instance_attributes>"
         "<operations><op id=\"" + id + "-start\" name=\"start\" interval=\"0s\" timeout=\"60s\"/>"
         "<op id=\"" + id + "-stop\" name=\"stop\" interval=\"0s\" timeout=\"60s\"/></operations></primitive>";
}

// Two nodes with heartbeatd, the DC agreed, fencing on, each node's devices on the other node.
std::string start_cluster(Cluster& c, const std::string& label, const std::string& devices,
                          const std::string& extra_constraints, const std::string& stonith_timeout = "90s") {
  sandbox::SandboxOptions so;
  so.nodes = 2;
  so.client = false;
  so.shared_disk = false;
  so.internal_disks = false;
  so.stage_dir = PCR_STONITHD_FULL_STAGE;
  so.label = label;
  auto sb = sandbox::Sandbox::create(so);
  INFO(sb.error_message());
  REQUIRE(sb);
  c.sb = std::move(*sb);
  c.power = std::make_unique<stonithd::testing::SwitchServer>(
      *c.sb, std::string(PCR_STONITHD_TEST_DIR) + "/" + label + "-" + std::to_string(getpid()) + ".sock");
  for (const char* n : {"pm1", "pm2"}) c.start(n);
  std::string dc;
  REQUIRE(Cluster::wait_until([&] {
    std::string a, b;
    c.status("pm1", "crmadmin -D -q", &a);
    c.status("pm2", "crmadmin -D -q", &b);
    dc = a;
    return !a.empty() && a == b;
  }, seconds(60)));
  c.run(dc, "crm_attribute -n stonith-enabled -v true && crm_attribute -n startup-fencing -v false && "
            "crm_attribute -n stonith-timeout -v " + stonith_timeout + " && crm_attribute -n no-quorum-policy -v ignore");
  c.run(dc, "cibadmin -M -o configuration -X '<configuration><resources>" + devices +
                "<primitive id=\"prmDummy\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                "<meta_attributes id=\"prmDummy-meta\"><nvpair id=\"prmDummy-rs\" name=\"resource-stickiness\" "
                "value=\"INFINITY\"/></meta_attributes>"
                "<operations><op id=\"prmDummy-start\" name=\"start\" interval=\"0s\" timeout=\"60s\"/>"
                "<op id=\"prmDummy-monitor\" name=\"monitor\" interval=\"5s\" timeout=\"30s\"/>"
                "<op id=\"prmDummy-stop\" name=\"stop\" interval=\"0s\" timeout=\"60s\"/></operations></primitive>"
                "</resources><constraints>" + extra_constraints +
                "<rsc_location id=\"l-dummy\" rsc=\"prmDummy\" node=\"pm1\" score=\"100\"/>"
                "</constraints></configuration>'");
  return dc;
}

TEST_CASE("the DC fences a lost node through stonithd; it rejoins clean") {
  Cluster c;
  sandbox::SandboxOptions so;
  so.nodes = 2;
  so.client = false;
  so.shared_disk = false;
  so.internal_disks = false;
  so.stage_dir = PCR_STONITHD_FULL_STAGE;
  so.label = "stonithd-cluster";
  auto sb = sandbox::Sandbox::create(so);
  INFO(sb.error_message());
  REQUIRE(sb);
  c.sb = std::move(*sb);
  c.power = std::make_unique<stonithd::testing::SwitchServer>(
      *c.sb, std::string(PCR_STONITHD_TEST_DIR) + "/cluster-" + std::to_string(getpid()) + ".sock");
  for (const char* n : {"pm1", "pm2"}) c.start(n);
  std::string dc;
  REQUIRE(Cluster::wait_until([&] {
    std::string a, b;
    c.status("pm1", "crmadmin -D -q", &a);
    c.status("pm2", "crmadmin -D -q", &b);
    dc = a;
    return !a.empty() && a == b;
  }, seconds(60)));

  c.run(dc, "crm_attribute -n stonith-enabled -v true && crm_attribute -n startup-fencing -v false && "
            "crm_attribute -n stonith-timeout -v 60s && crm_attribute -n no-quorum-policy -v ignore");
  const std::string sock = c.power->path();
  c.run(dc, "cibadmin -M -o configuration -X '<configuration><resources>" +
                stonith_primitive("prmStonith1", "pm1", sock) + stonith_primitive("prmStonith2", "pm2", sock) +
                "<primitive id=\"prmDummy\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                "<meta_attributes id=\"prmDummy-meta\"><nvpair id=\"prmDummy-rs\" name=\"resource-stickiness\" "
                "value=\"INFINITY\"/></meta_attributes>"
                "<operations><op id=\"prmDummy-start\" name=\"start\" interval=\"0s\" timeout=\"60s\"/>"
                "<op id=\"prmDummy-monitor\" name=\"monitor\" interval=\"5s\" timeout=\"30s\"/>"
                "<op id=\"prmDummy-stop\" name=\"stop\" interval=\"0s\" timeout=\"60s\"/></operations></primitive>"
                "</resources><constraints>"
                "<rsc_location id=\"l-st1\" rsc=\"prmStonith1\" node=\"pm1\" score=\"-INFINITY\"/>"
                "<rsc_location id=\"l-st2\" rsc=\"prmStonith2\" node=\"pm2\" score=\"-INFINITY\"/>"
                "<rsc_location id=\"l-dummy\" rsc=\"prmDummy\" node=\"pm1\" score=\"100\"/>"
                "</constraints></configuration>'");
  bool placed = Cluster::wait_until([&] {
    return c.running_on(dc, "prmDummy") == "pm1" && c.running_on(dc, "prmStonith1") == "pm2" &&
           c.status("pm2", "stonith_admin -l pm1 | grep -q prmStonith1") == 0;
  }, seconds(60));
  INFO(c.log(dc).substr(c.log(dc).size() > 15000 ? c.log(dc).size() - 15000 : 0));
  REQUIRE(placed);
  c.run("pm1", "attrd_updater -n fail-count-prmDummy -v 1");
  REQUIRE(Cluster::wait_until([&] {
    return c.status(dc, "cibadmin -Q -o status | grep -q 'name=\"fail-count-prmDummy\"'") == 0;
  }, seconds(20)));

  // pm1 is lost: the DC (pm2 now) must fence it before the Dummy may start on pm2.
  const int boots = c.sb->status("pm1")->boots;
  REQUIRE(c.sb->power_off("pm1"));
  bool fenced = Cluster::wait_until([&] {
    return c.log("pm2").find("Succeeded to STONITH the node pm1: optype=RESET. whodoit: pm2") != std::string::npos;
  }, seconds(60));
  INFO(c.log("pm2").substr(c.log("pm2").size() > 20000 ? c.log("pm2").size() - 20000 : 0));
  REQUIRE(fenced);
  CHECK(c.log("pm2").find("sending fencing op RESET for pm1 to prmStonith1 (external/sandbox)") != std::string::npos);
  REQUIRE(c.sb->wait_for_boot("pm1", boots, seconds(20)));  // the switch powered it on again
  REQUIRE(Cluster::wait_until([&] { return c.running_on("pm2", "prmDummy") == "pm2"; }, seconds(60)));
  CHECK(c.run("pm2", "stonith_admin -H pm1").find("reboot of pm1 successful: delegate=pm2, client=crmd") !=
        std::string::npos);

  // pm1 boots with nothing running (no init script here): start heartbeat, it rejoins clean.
  c.start("pm1");
  bool rejoined = Cluster::wait_until([&] {
    std::string out;
    return c.status("pm2", "crmadmin -S pm1", &out) == 0 && out.find("S_NOT_DC") != std::string::npos;
  }, seconds(60));
  REQUIRE(rejoined);
  std::this_thread::sleep_for(seconds(3));
  std::string status = c.run("pm2", "cibadmin -Q -o status");
  CHECK(status.find("fail-count-prmDummy") == std::string::npos);
  std::smatch pm1_state;
  REQUIRE(std::regex_search(status, pm1_state, std::regex("<node_state[^>]*uname=\"pm1\"[\\s\\S]*?</node_state>")));
  CHECK(pm1_state.str().find("prmDummy_start_0") == std::string::npos);
  CHECK(c.running_on("pm2", "prmDummy") == "pm2");
}

// Both interconnects cut: each side's DC fences the other. pm1 holds the Dummy, so its
// stonith-helper finds pm2 alive (eth0 answers) and exits 1 at once, and its switch resets pm2;
// pm2's helper waits standby_wait_time first, and pm2 is gone before it ends. The Dummy never
// moves; pm2 boots, heartbeat is started again and there is one membership.
TEST_CASE("split brain: the node holding the service shoots first; the standby side is fenced") {
  Cluster c;
  std::string sock;
  auto devices = [&](const std::string& s) {
    return helper_primitive("prmHelper1", "pm1", 1) + stonith_primitive("prmSwitch1", "pm1", s) +
           helper_primitive("prmHelper2", "pm2", 2) + stonith_primitive("prmSwitch2", "pm2", s);
  };
  // The switch's socket path is known only once the sandbox exists: the devices are configured
  // after start_cluster made it, with the path it serves.
  start_cluster(c, "split", "", "");
  sock = c.power->path();
  std::string dc;
  c.status("pm1", "crmadmin -D -q", &dc);
  c.run(dc, "cibadmin -M -o configuration -X '<configuration><resources>" + devices(sock) +
                "</resources><constraints>"
                "<rsc_location id=\"l-h1\" rsc=\"prmHelper1\" node=\"pm1\" score=\"-INFINITY\"/>"
                "<rsc_location id=\"l-s1\" rsc=\"prmSwitch1\" node=\"pm1\" score=\"-INFINITY\"/>"
                "<rsc_location id=\"l-h2\" rsc=\"prmHelper2\" node=\"pm2\" score=\"-INFINITY\"/>"
                "<rsc_location id=\"l-s2\" rsc=\"prmSwitch2\" node=\"pm2\" score=\"-INFINITY\"/>"
                "</constraints></configuration>'");
  bool placed = Cluster::wait_until([&] {
    return c.running_on(dc, "prmDummy") == "pm1" &&
           c.status("pm2", "stonith_admin -l pm1 | grep -q '2 fence devices'") == 0 &&
           c.status("pm1", "stonith_admin -l pm2 | grep -q '2 fence devices'") == 0;
  }, seconds(60));
  INFO(c.log(dc).substr(c.log(dc).size() > 15000 ? c.log(dc).size() - 15000 : 0));
  REQUIRE(placed);
  const int pm1_boots = c.sb->status("pm1")->boots;
  const int pm2_boots = c.sb->status("pm2")->boots;

  REQUIRE(c.sb->cut(sandbox::Lan::ic1));
  REQUIRE(c.sb->cut(sandbox::Lan::ic2));
  bool shot = Cluster::wait_until([&] {
    return c.log("pm1").find("Succeeded to STONITH the node pm2: optype=RESET. whodoit: pm1") != std::string::npos;
  }, seconds(60));
  INFO("pm1:\n" << c.log("pm1").substr(c.log("pm1").size() > 12000 ? c.log("pm1").size() - 12000 : 0));
  REQUIRE(shot);
  std::string pm1_log = c.log("pm1");
  CHECK(pm1_log.find("this node is the active one: no standby wait.") != std::string::npos);
  CHECK(pm1_log.find("failed to STONITH node pm2 with local device prmHelper2 (exitcode 5)") != std::string::npos);
  REQUIRE(c.sb->wait_for_boot("pm2", pm2_boots, seconds(20)));
  CHECK(c.sb->status("pm1")->boots == pm1_boots);  // the survivor was never reset
  // pm2's log (it persists across the reset) shows it waited as the standby side.
  CHECK(c.log("pm2").find("this node is standby: waiting 6 seconds.") != std::string::npos);
  CHECK(c.log("pm2").find("Succeeded to STONITH the node pm1") == std::string::npos);
  CHECK(c.running_on("pm1", "prmDummy") == "pm1");

  REQUIRE(c.sb->restore(sandbox::Lan::ic1));
  REQUIRE(c.sb->restore(sandbox::Lan::ic2));
  c.start("pm2");
  REQUIRE(Cluster::wait_until([&] {
    std::string out;
    return c.status("pm1", "crmadmin -S pm2", &out) == 0 && out.find("S_NOT_DC") != std::string::npos;
  }, seconds(60)));
  CHECK(c.running_on("pm1", "prmDummy") == "pm1");
  std::string pm2_log = c.log("pm2");
  CHECK(pm2_log.find("start prmDummy_start_0 on pm2") == std::string::npos);
}

// stonithd dies while a fencing is pending (meatware waiting for the operator): heartbeatd
// respawns it, the recurring monitor registers the device again, crmd's next transition asks
// again, and the operator's confirmation completes it.
TEST_CASE("stonithd killed during a pending fencing: respawned, the fencing is retried and completes") {
  Cluster c;
  std::string dc = start_cluster(c, "respawn", meatware_primitive("prmMeat1", "pm1"),
                                 "<rsc_location id=\"l-m1\" rsc=\"prmMeat1\" node=\"pm1\" score=\"-INFINITY\"/>",
                                 "20s");
  REQUIRE(Cluster::wait_until([&] {
    return c.running_on(dc, "prmDummy") == "pm1" && c.status("pm2", "stonith_admin -l pm1 | grep -q prmMeat1") == 0;
  }, seconds(60)));
  REQUIRE(c.sb->power_off("pm1"));
  auto runs = [&] {
    std::string l = c.log("pm2");
    int n = 0;
    for (auto p = l.find("sending fencing op RESET for pm1 to prmMeat1"); p != std::string::npos;
         p = l.find("sending fencing op RESET for pm1 to prmMeat1", p + 1))
      ++n;
    return n;
  };
  REQUIRE(Cluster::wait_until([&] { return runs() == 1; }, seconds(30)));
  std::string before = c.run("pm2", "pgrep -x stonithd");
  c.run("pm2", "pkill -KILL -x stonithd");
  REQUIRE(Cluster::wait_until([&] {
    std::string now;
    return c.status("pm2", "pgrep -x stonithd", &now) == 0 && now != before;
  }, seconds(20)));
  // The killed stonithd's meatware went with it (parent-death signal): nothing old holds the FIFO.
  CHECK(c.status("pm2", "pgrep -x stonith") != 0);
  bool retried = Cluster::wait_until([&] { return runs() >= 2; }, seconds(60));
  INFO(c.log("pm2").substr(c.log("pm2").size() > 15000 ? c.log("pm2").size() - 15000 : 0));
  REQUIRE(retried);
  // Registered twice: at start, and again by the recurring monitor after the respawn.
  std::string pm2_log = c.log("pm2");
  auto first = pm2_log.find("Device prmMeat1 (meatware) registered");
  REQUIRE(first != std::string::npos);
  CHECK(pm2_log.find("Device prmMeat1 (meatware) registered", first + 1) != std::string::npos);
  REQUIRE(Cluster::wait_until([&] { return c.status("pm2", "echo y | meatclient -c pm1") == 0; }, seconds(15)));
  REQUIRE(Cluster::wait_until([&] {
    return c.log("pm2").find("Succeeded to STONITH the node pm1: optype=RESET. whodoit: pm2") != std::string::npos;
  }, seconds(20)));
  CHECK(Cluster::wait_until([&] { return c.running_on("pm2", "prmDummy") == "pm2"; }, seconds(30)));
}

// The seed's chain on a stop timeout (on-fail=fence), set up once for the three ways it ends. The
// target is the node that is not the DC, so the DC fences it with the devices on its own node (the
// survivor): stonith-helper (1, standby wait 2 s), the sandbox switch (2), meatware (3). prmHang is
// a Dummy on the target whose envfile the test can turn into a FIFO there: every operation on the
// target then blocks, and its stop times out after 2 s (on-fail=fence). Elsewhere the envfile is a
// plain file and every operation is instant, so prmHang can be moved back to the target.
struct StopFailureCluster {
  Cluster c;
  std::string target, survivor;

  int count(const std::string& text) {
    std::string l = c.log(survivor);
    int n = 0;
    for (auto p = l.find(text); p != std::string::npos; p = l.find(text, p + 1)) ++n;
    return n;
  }
  std::string tail() {
    std::string l = c.log(survivor);
    return survivor + ":\n" + l.substr(l.size() > 15000 ? l.size() - 15000 : 0);
  }
  std::string succeeded() { return "Succeeded to STONITH the node " + target + ": optype=RESET. whodoit: " + survivor; }
  void place_hang(const std::string& score) {
    c.run(survivor, "cibadmin -M -o configuration -X '<configuration><constraints><rsc_location id=\"l-hang\" "
                    "rsc=\"prmHang\" node=\"" + target + "\" score=\"" + score + "\"/></constraints></configuration>'");
  }
  // prmHang's stop on the target blocks: the DC must fence the target.
  void hang_stop_on_target() {
    c.run(target, "rm -f /run/prmHang.env && mkfifo /run/prmHang.env");
    place_hang("-INFINITY");
  }
  // The target, booted again, rejoins and takes prmHang back; the survivor stays DC.
  void rejoin_with_hang() {
    c.start(target);
    REQUIRE(Cluster::wait_until([&] {
      std::string out;
      return c.status(survivor, "crmadmin -S " + target, &out) == 0 && out.find("S_NOT_DC") != std::string::npos;
    }, seconds(60)));
    place_hang("200");
    bool placed = Cluster::wait_until([&] { return c.running_on(survivor, "prmHang") == target; }, seconds(30));
    INFO(tail());
    REQUIRE(placed);
    std::string dc;
    c.status(survivor, "crmadmin -D -q", &dc);
    REQUIRE(dc == survivor);
  }
};

void start_stop_failure_cluster(StopFailureCluster& s, const std::string& label) {
  std::string dc = start_cluster(s.c, label, "", "");
  s.survivor = dc;
  s.target = dc == "pm1" ? "pm2" : "pm1";
  const std::string& t = s.target;
  const std::string hang =
      "<primitive id=\"prmHang\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">"
      "<instance_attributes id=\"prmHang-ia\"><nvpair id=\"prmHang-env\" name=\"envfile\" value=\"/run/prmHang.env\"/>"
      "</instance_attributes><operations>"
      "<op id=\"prmHang-start\" name=\"start\" interval=\"0s\" timeout=\"60s\"/>"
      "<op id=\"prmHang-stop\" name=\"stop\" interval=\"0s\" timeout=\"2s\" on-fail=\"fence\"/>"
      "</operations></primitive>";
  std::string helper = helper_primitive("prmHelper", t, t == "pm1" ? 1 : 2);
  helper.replace(helper.find("value=\"6\""), 9, "value=\"2\"");  // standby_wait_time
  s.c.run(dc, "cibadmin -M -o configuration -X '<configuration><resources>" + helper +
                  stonith_primitive("prmSwitch", t, s.c.power->path()) + meatware_primitive("prmMeat", t, "3") + hang +
                  "</resources><constraints>"
                  "<rsc_location id=\"l-helper\" rsc=\"prmHelper\" node=\"" + t + "\" score=\"-INFINITY\"/>"
                  "<rsc_location id=\"l-switch\" rsc=\"prmSwitch\" node=\"" + t + "\" score=\"-INFINITY\"/>"
                  "<rsc_location id=\"l-meat\" rsc=\"prmMeat\" node=\"" + t + "\" score=\"-INFINITY\"/>"
                  "<rsc_location id=\"l-hang\" rsc=\"prmHang\" node=\"" + t + "\" score=\"200\"/>"
                  "</constraints></configuration>'");
  bool placed = Cluster::wait_until([&] {
    return s.c.running_on(dc, "prmHang") == t &&
           s.c.status(dc, "stonith_admin -l " + t + " | grep -q '3 fence devices'") == 0;
  }, seconds(60));
  INFO(s.tail());
  REQUIRE(placed);
}

// The DC fences the target after prmHang's stop timed out, three times:
//  1. stonith-helper finds the target alive and fails (exit 5), the switch resets it, prmHang
//     starts on the survivor;
//  2. the switch refuses: meatware is reached and waits; the operator powers the target off and
//     confirms with `meatclient -c` on the survivor, which completes the fencing;
//  3. the target is lost (powered off): stonith-helper's dead check alone completes the fencing
//     and the switch is never asked.
TEST_CASE("a stop timeout with on-fail=fence: the seed's chain (helper, switch, meatware) and the dead check alone") {
  StopFailureCluster s;
  start_stop_failure_cluster(s, "stopfail");
  const std::string& t = s.target;
  auto& c = s.c;

  // 1. helper, then the switch.
  int boots = c.sb->status(t)->boots;
  s.hang_stop_on_target();
  bool fenced = Cluster::wait_until([&] { return s.count(s.succeeded()) == 1; }, seconds(60));
  INFO(s.tail());
  REQUIRE(fenced);
  CHECK(s.count("failed to STONITH node " + t + " with local device prmHelper (exitcode 5)") == 1);
  CHECK(s.count("sending fencing op RESET for " + t + " to prmSwitch (external/sandbox)") == 1);
  CHECK(s.count("to prmMeat (meatware)") == 0);
  CHECK(c.power->requests >= 1);
  REQUIRE(c.sb->wait_for_boot(t, boots, seconds(20)));  // the switch powered it on again
  CHECK(Cluster::wait_until([&] { return c.running_on(s.survivor, "prmHang") == s.survivor; }, seconds(30)));

  // 2. The switch is broken: meatware waits for the operator.
  s.rejoin_with_hang();
  c.power->fail_power = true;
  s.hang_stop_on_target();
  const std::string fifo = "/var/run/meatware." + t;
  bool waiting = Cluster::wait_until([&] { return c.status(s.survivor, "test -p " + fifo) == 0; }, seconds(40));
  INFO(s.tail());
  REQUIRE(waiting);
  CHECK(s.count("failed to STONITH node " + t + " with local device prmHelper (exitcode 5), gonna try the next "
                "local device") == 2);
  CHECK(s.count("failed to STONITH node " + t + " with local device prmSwitch (exitcode 5), gonna try the next "
                "local device") == 1);
  CHECK(s.count("sending fencing op RESET for " + t + " to prmMeat (meatware)") == 1);
  // The operator power-cycles the machine (here: off) before confirming. Until then nothing
  // completes the fencing: the DC's later requests join the pending one, no second chain runs.
  REQUIRE(c.sb->power_off(t));
  std::this_thread::sleep_for(seconds(3));
  CHECK(s.count(s.succeeded()) == 1);
  CHECK(s.count("all targets are dead.") == 0);
  CHECK(c.running_on(s.survivor, "prmHang") != s.survivor);
  std::string confirm;
  CHECK(c.status(s.survivor, "echo y | meatclient -c " + t, &confirm) == 0);
  CHECK(confirm.find("reset confirmed") != std::string::npos);
  bool confirmed = Cluster::wait_until([&] { return s.count(s.succeeded()) == 2; }, seconds(20));
  INFO(s.tail());
  REQUIRE(confirmed);
  CHECK(s.count("all targets are dead.") == 0);  // meatware's confirmation did it, not a second chain
  CHECK(Cluster::wait_until([&] { return c.running_on(s.survivor, "prmHang") == s.survivor; }, seconds(30)));
  c.power->fail_power = false;

  // 3. The target is lost while powered off: the dead check alone.
  REQUIRE(c.sb->power_on(t));
  s.rejoin_with_hang();
  const int requests = c.power->requests;
  const int switch_runs = s.count("to prmSwitch (external/sandbox)");
  REQUIRE(c.sb->power_off(t));
  bool dead = Cluster::wait_until([&] { return s.count(s.succeeded()) == 3; }, seconds(40));
  INFO(s.tail());
  REQUIRE(dead);
  CHECK(s.count("all targets are dead.") == 1);
  CHECK(s.count("to prmSwitch (external/sandbox)") == switch_runs);
  CHECK(c.power->requests == requests);  // the switch was never asked
  CHECK(Cluster::wait_until([&] { return c.running_on(s.survivor, "prmHang") == s.survivor; }, seconds(30)));

  // Every fencing is in the history (--verbose), asked by crmd and done by the survivor.
  std::string history = c.run(s.survivor, "stonith_admin -H " + t + " --verbose");
  INFO(history);
  const std::string line = "reboot of " + t + " successful: delegate=" + s.survivor + ", client=crmd";
  int done = 0;
  for (auto p = history.find(line); p != std::string::npos; p = history.find(line, p + 1)) ++done;
  CHECK(done == 3);
  CHECK(history.find("failed") == std::string::npos);
  // Without --verbose: the last one alone.
  CHECK(c.run(s.survivor, "stonith_admin -H " + t) == history.substr(history.rfind('\n') + 1));
}

}  // namespace
