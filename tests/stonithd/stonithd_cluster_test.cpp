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
    REQUIRE(sb->write_file(n, "/etc/ha.d/ha.cf",
                           "pacemaker on\nkeepalive 200ms\nwarntime 600ms\ndeadtime 1\ninitdead 2\n"
                           "logfacility local1\nbcast eth1\nbcast eth2\nnode pm1\nnode pm2\n"));
    REQUIRE(sb->write_file(n, "/etc/ha.d/authkeys", "auth 1\n1 sha1 stonithd-cluster\n"));
    run(n, "chmod 600 /etc/ha.d/authkeys && " PACER_LIBEXEC "/heartbeatd");
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
    auto end = steady_clock::now() + timeout;
    while (!probe()) {
      if (steady_clock::now() > end) return false;
      std::this_thread::sleep_for(milliseconds(250));
    }
    return true;
  }
};

std::string stonith_primitive(const std::string& id, const std::string& target, const std::string& socket) {
  return "<primitive id=\"" + id + "\" class=\"stonith\" type=\"external/sandbox\">"
         "<instance_attributes id=\"" + id + "-ia\">"
         "<nvpair id=\"" + id + "-h\" name=\"hostlist\" value=\"" + target + "\"/>"
         "<nvpair id=\"" + id + "-c\" name=\"sandbox_cli\" value=\"" PCR_SANDBOX_CLI "\"/>"
         "<nvpair id=\"" + id + "-s\" name=\"control_socket\" value=\"" + socket + "\"/>"
         "<nvpair id=\"" + id + "-p\" name=\"priority\" value=\"1\"/></instance_attributes>"
         "<operations><op id=\"" + id + "-start\" name=\"start\" interval=\"0s\" timeout=\"60s\"/>"
         "<op id=\"" + id + "-monitor\" name=\"monitor\" interval=\"3600s\" timeout=\"60s\"/>"
         "<op id=\"" + id + "-stop\" name=\"stop\" interval=\"0s\" timeout=\"60s\"/></operations></primitive>";
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

}  // namespace
