// crmd on the sandbox: two nodes with heartbeatd (`pacemaker on`), so each runs cibd, lrmd, attrd
// and crmd as in production; cibd replicates the CIB. The DC is elected and joins
// the other node, a Dummy resource starts, a failed monitor on the DC's node raises the fail-count
// (attrd writes it into that node's CIB, which is the DC's) and the resource moves; crm_resource -C
// clears it; killing the DC's pengine reboots the DC's node and the survivor takes over.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/sandbox/node_shell.h"
#include "tests/sandbox/sandbox.h"

using namespace pacer;
using namespace std::chrono;

namespace {

class Cluster {
 public:
  Cluster() {
    sandbox::SandboxOptions so;
    so.nodes = 2;
    so.client = true;
    so.stage_dir = PACER_CRMD_STAGE;
    so.shared_disk = false;
    so.internal_disks = false;
    auto sb = sandbox::Sandbox::create(so);
    INFO(sb.error_message());
    REQUIRE(sb);
    sandbox_ = std::move(*sb);
    for (const char* n : {"pm1", "pm2"}) start(n);
  }

  void start(const std::string& n) {
    REQUIRE(sandbox::start_heartbeat(*sandbox_, n, sandbox::stack_test_ha_cf({"pm1", "pm2"}), "crmd-test"));
  }

  int run_status(const std::string& node, const std::string& script, std::string* out = nullptr) {
    auto outcome = sandbox::run_shell(*sandbox_, node, script, milliseconds(60000));
    if (out) *out = outcome.out;
    return outcome.code;
  }

  std::string run(const std::string& node, const std::string& script) {
    std::string out;
    int rc = run_status(node, script, &out);
    INFO(node << ": " << script << " -> " << rc << ": " << out);
    REQUIRE(rc == 0);
    return out;
  }

  static bool wait_until(const std::function<bool()>& probe, milliseconds timeout) {
    return sandbox::wait_until(probe, timeout, milliseconds(200));
  }

  // The DC both nodes agree on, once they do (a test failure after 60 s).
  std::string wait_for_dc() {
    std::string dc;
    bool agreed = wait_until([&] {
      dc = dc_of("pm1");
      return !dc.empty() && dc_of("pm2") == dc;
    }, seconds(60));
    if (!agreed)
      FAIL("no DC both nodes agree on after 60 s\npm1:\n" << log("pm1").substr(0, 12000) << "\npm2:\n"
                                                            << log("pm2").substr(0, 12000));
    return dc;
  }

  std::string dc_of(const std::string& node) {
    std::string out;
    if (run_status(node, "crmadmin -D -q", &out) != 0) return "";
    return out;
  }

  std::string log(const std::string& node) {
    std::string out;
    run_status(node, "cat /var/log/ha-log", &out);
    return out;
  }

  sandbox::Sandbox& sandbox() { return *sandbox_; }

 private:
  std::unique_ptr<sandbox::Sandbox> sandbox_;
};

const char* kResources =
    R"(<resources><primitive id="prmDummy" class="ocf" provider="heartbeat" type="Dummy">)"
    R"(<meta_attributes id="prmDummy-meta"><nvpair id="prmDummy-mt" name="migration-threshold" value="1"/>)"
    R"(<nvpair id="prmDummy-rs" name="resource-stickiness" value="INFINITY"/></meta_attributes>)"
    R"(<operations><op id="prmDummy-start" name="start" interval="0s" timeout="60s"/>)"
    R"(<op id="prmDummy-monitor" name="monitor" interval="2s" timeout="30s"/>)"
    R"(<op id="prmDummy-stop" name="stop" interval="0s" timeout="60s"/></operations></primitive></resources>)";

// The Transition Summary block of `command`'s output (crm_simulate -S), up to its blank line.
// `must_succeed`: a non-zero exit counts as a failure. (The reference's simulated execution of
// some graphs ends in exit 70 after it printed the summary, which is all we compare.)
std::string summary_of(const std::string& command, bool must_succeed) {
  std::string out;
  if (FILE* p = popen((command + " 2>/dev/null").c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    if (pclose(p) != 0 && must_succeed) return "(" + command + " failed)";
  }
  auto start = out.find("Transition Summary:");
  if (start == std::string::npos) return "(no summary)";
  auto end = out.find("\n\n", start);
  return out.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Replays every pe-input `node`'s pengine saved: pacer's crm_simulate must reproduce it, and the
// reference crm_simulate (Pacemaker 2.1.5, private prefix) must give the same Transition Summary.
// Returns how many were replayed.
int replay_pe_inputs(Cluster& c, const std::string& node) {
  std::string list = c.run(node, "ls /var/lib/pacer/pengine");
  std::istringstream names(list);
  int replayed = 0;
  for (std::string name; names >> name;) {
    std::string xml = c.run(node, "bunzip2 -c /var/lib/pacer/pengine/" + name);
    auto path = std::filesystem::temp_directory_path() / ("crmd-it-" + node + "-" + name + ".xml");
    std::ofstream(path) << xml;
    std::string ours = summary_of(std::string(PACER_CRM_SIMULATE) + " -x " + path.string() + " -S", true);
    std::string reference = summary_of(std::string(PACER_REFERENCE_SCRIPT) + " run " PACER_REFERENCE_DIR
                                       " crm_simulate -x " + path.string() + " -S", false);
    INFO(node << ": " << name << " (kept as " << path.string() << " when they differ)");
    if (ours == reference) std::filesystem::remove(path);
    CHECK(ours.starts_with("Transition Summary:"));
    CHECK(ours == reference);
    ++replayed;
  }
  return replayed;
}

}  // namespace

TEST_CASE("two nodes elect a DC, run a Dummy, move it after a failed monitor, survive a dead pengine") {
  Cluster c;
  std::string dc = c.wait_for_dc();
  std::string other = dc == "pm1" ? "pm2" : "pm1";
  // The DC is known from the join offer on; S_NOT_DC follows the join's end.
  CHECK(Cluster::wait_until([&] {
    std::string out;
    c.run_status(other, "crmadmin -S " + other, &out);
    return out == "Status of crmd@" + other + ": S_NOT_DC (ok)";
  }, seconds(10)));
  CHECK(c.run(dc, "crmadmin -S " + other) == "Status of crmd@" + other + ": S_NOT_DC (ok)");  // relayed
  REQUIRE(Cluster::wait_until([&] { return c.run_status(dc, "crmadmin -S " + dc + " | grep -q S_IDLE") == 0; },
                              seconds(30)));
  CHECK(c.log(dc).find("update_dc: Set DC to " + dc) != std::string::npos);
  CHECK(c.log(other).find("update_dc: Set DC to " + dc) != std::string::npos);
  CHECK(c.run(dc, "crm_attribute -n cluster-infrastructure -G -q") == "Heartbeat");

  // Configure on the node that is not DC: cibd forwards the changes to the DC's cib (the master).
  c.run(other, "crm_attribute -n stonith-enabled -v false && crm_attribute -n no-quorum-policy -v ignore");
  // Resources and a preference for the DC's node in one change, so one transition starts it (a
  // transition aborted after the start loses its monitor: pengine does not yet re-create a
  // missing recurring monitor). On the DC's node its fail-count lands in the DC's own CIB.
  c.run(other, std::string("cibadmin -M -o configuration -X '<configuration>") + kResources +
                "<constraints><rsc_location id=\"loc-dc\" rsc=\"prmDummy\" node=\"" + dc +
                "\" score=\"100\"/></constraints></configuration>'");
  std::string where;
  auto tail = [&](const std::string& node) {
    std::string out;
    c.run_status(node, "grep -E 'crmd|pengine|lrmd|cib' /var/log/ha-log | tail -120", &out);
    return out;
  };
  bool started = Cluster::wait_until([&] {
    std::string out;
    c.run_status(dc, "crm_resource -W -r prmDummy", &out);
    std::smatch m;
    if (!std::regex_search(out, m, std::regex("is running on: (pm[12])"))) return false;
    where = m[1];
    return true;
  }, seconds(60));
  std::string config;
  c.run_status(dc, "grep -iE 'warn|error|crit|cib' /var/log/ha-log | grep -v 'RA output' | tail -40; echo ---; crm_resource -L 2>&1", &config);
  INFO("DC log:\n" << tail(dc) << "\nother log:\n" << tail(other) << "\nDC CIB:\n" << config);
  REQUIRE(started);
  CHECK(c.log(where).find("do_lrm_rsc_op: Performing key=") != std::string::npos);
  CHECK(c.log(where).find("process_lrm_event: LRM operation prmDummy_start_0 (call=") != std::string::npos);
  CHECK(c.log(dc).find("te_rsc_command: Initiating action") != std::string::npos);
  CHECK(c.run_status(dc, "ls /var/lib/pacer/pengine/pe-input-0.bz2") == 0);

  REQUIRE(where == dc);
  {
    // The monitor fails on the DC's own node: the fail-count lands in the DC's CIB.
    c.run(dc, "rm -f /run/resource-agents/Dummy-prmDummy.state");
    REQUIRE(Cluster::wait_until([&] {
      return c.run_status(dc, "crm_failcount -G -r prmDummy -N " + dc + " -q | grep -qx 1") == 0;
    }, seconds(30)));
    CHECK(c.log(dc).find("update_failcount: Updating failcount for prmDummy on " + dc) != std::string::npos);
    REQUIRE(Cluster::wait_until([&] {
      return c.run_status(dc, "crm_resource -W -r prmDummy | grep -q 'running on: " + other + "'") == 0;
    }, seconds(30)));
    c.run(dc, "crm_resource -C -r prmDummy -H " + dc);
    CHECK(c.run(dc, "crm_failcount -G -r prmDummy -N " + dc + " -q") == "0");
    // Eligible again, but stickiness keeps it where it is.
    std::this_thread::sleep_for(seconds(3));
    CHECK(c.run(dc, "crm_resource -W -r prmDummy") == "resource prmDummy is running on: " + other);
  }
  {
    // crm_resource -F on the DC for the other node: its crmd reports a failed asyncmon, the DC
    // counts it and moves the resource back. Then it is cleaned up and moved back by hand.
    c.run(dc, "crm_resource -F -r prmDummy -H " + other);
    CHECK(Cluster::wait_until([&] {
      return c.run_status(dc, "crm_failcount -G -r prmDummy -N " + other + " -q | grep -qx 1") == 0;
    }, seconds(30)));
    CHECK(c.log(dc).find("update_failcount: Updating failcount for prmDummy on " + other + " after failed asyncmon") !=
          std::string::npos);
    CHECK(Cluster::wait_until([&] {
      return c.run_status(dc, "crm_resource -W -r prmDummy | grep -q 'running on: " + dc + "'") == 0;
    }, seconds(30)));
    // (With stickiness INFINITY a cli-prefer for the other node only ties; moving it away from
    // where it runs, cli-standby, is what makes it go.)
    c.run(dc, "crm_resource -C -r prmDummy -H " + other + " && crm_resource -M -r prmDummy");
    REQUIRE(Cluster::wait_until([&] {
      return c.run_status(dc, "crm_resource -W -r prmDummy | grep -q 'running on: " + other + "'") == 0;
    }, seconds(30)));
    c.run(dc, "crm_resource -U -r prmDummy");
  }

  // Kill the DC's pengine: crmd exits 2, heartbeatd reboots the node, the other node takes over.
  c.run(dc, "pid=$(ps -eo pid=,args= | awk '$2==\"pengine\"{print $1}'); [ -n \"$pid\" ] && kill -KILL $pid");
  REQUIRE(Cluster::wait_until([&] { return c.dc_of(other) == other; }, seconds(60)));
  CHECK(c.log(other).find("update_dc: Set DC to " + other) != std::string::npos);
  CHECK(c.log(dc).find("pe_connection_destroy: Connection to the Policy Engine failed") != std::string::npos);
  // The survivor rebuilt the status from its own lrmd: the resource still runs there, once.
  REQUIRE(Cluster::wait_until([&] {
    return c.run_status(other, "crmadmin -S " + other + " | grep -q S_IDLE") == 0;
  }, seconds(30)));
  CHECK(c.run(other, "crm_resource -W -r prmDummy") == "resource prmDummy is running on: " + other);
  // The survivor's decisions replay, and the reference agrees with each.
  CHECK(replay_pe_inputs(c, other) >= 1);
}

namespace {

const char* kGroup =
    R"(<resources><group id="grpDemo">)"
    R"(<meta_attributes id="grpDemo-meta"><nvpair id="grpDemo-mt" name="migration-threshold" value="1"/>)"
    R"(<nvpair id="grpDemo-rs" name="resource-stickiness" value="INFINITY"/></meta_attributes>)"
    R"(<primitive id="prmDummy" class="ocf" provider="heartbeat" type="Dummy">)"
    R"(<operations><op id="prmDummy-monitor" name="monitor" interval="2s" timeout="30s"/></operations></primitive>)"
    R"(<primitive id="prmIp" class="ocf" provider="heartbeat" type="IPaddr2">)"
    R"(<instance_attributes id="prmIp-ia"><nvpair id="prmIp-ip" name="ip" value="198.19.0.100"/>)"
    R"(<nvpair id="prmIp-mask" name="cidr_netmask" value="24"/><nvpair id="prmIp-nic" name="nic" value="eth0"/>)"
    R"(</instance_attributes><operations><op id="prmIp-monitor" name="monitor" interval="2s" timeout="30s"/>)"
    R"(</operations></primitive></group></resources>)";

std::string running_on(Cluster& c, const std::string& node, const std::string& rsc) {
  std::string out;
  c.run_status(node, "crm_resource -W -r " + rsc, &out);
  std::smatch m;
  std::regex on("is running on: (pm[12])");
  return std::regex_search(out, m, on) ? m[1].str() : "";
}

bool vip_up(Cluster& c) {
  std::string out;
  c.run_status("client", "ping -c1 -W1 198.19.0.100 >/dev/null 2>&1 && echo up || echo down", &out);
  return out == "up";
}

}  // namespace

TEST_CASE("a Dummy + IPaddr2 group: the client reaches the VIP; standby moves it, stickiness keeps it; "
          "powering off its node moves it back; every pe-input replays") {
  Cluster c;
  std::string dc = c.wait_for_dc();
  std::string other = dc == "pm1" ? "pm2" : "pm1";
  c.run(dc, "crm_attribute -n stonith-enabled -v false && crm_attribute -n no-quorum-policy -v ignore");
  c.run(dc, std::string("cibadmin -M -o configuration -X '<configuration>") + kGroup +
                "<constraints><rsc_location id=\"loc-dc\" rsc=\"grpDemo\" node=\"" + dc +
                "\" score=\"100\"/></constraints></configuration>'");
  REQUIRE(Cluster::wait_until([&] { return running_on(c, dc, "prmIp") == dc && vip_up(c); }, seconds(60)));
  CHECK(running_on(c, dc, "prmDummy") == dc);

  // Standby on the active node (the DC: its CIB is the one that counts) moves the whole group.
  c.run(dc, "crm_standby -v on");
  CHECK(c.run(dc, "crm_standby -G -q") == "on");
  REQUIRE(Cluster::wait_until([&] { return running_on(c, dc, "prmIp") == other && vip_up(c); }, seconds(60)));
  CHECK(running_on(c, dc, "prmDummy") == other);
  // Back online: stickiness keeps the group where it is.
  c.run(dc, "crm_standby -v off");
  std::this_thread::sleep_for(seconds(4));
  CHECK(running_on(c, dc, "prmIp") == other);
  CHECK(vip_up(c));

  // Power off the active node: the DC sees it leave, and the group comes back.
  REQUIRE(c.sandbox().power_off(other));
  REQUIRE(Cluster::wait_until([&] { return running_on(c, dc, "prmIp") == dc && vip_up(c); }, seconds(60)));
  CHECK(c.log(dc).find("match_down_event: No match for shutdown action on") != std::string::npos);
  CHECK(c.log(dc).find("crmd_ha_status_callback: Status update: Node " + other + " now has status [dead]") !=
        std::string::npos);

  // Every input the DC's pengine saved replays with crm_simulate, and the reference agrees.
  CHECK(replay_pe_inputs(c, dc) >= 4);
}



TEST_CASE("an orderly stop of the node running a resource moves it away before the node leaves") {
  Cluster c;
  std::string dc = c.wait_for_dc();
  std::string other = dc == "pm1" ? "pm2" : "pm1";
  c.run(dc, "crm_attribute -n stonith-enabled -v false && crm_attribute -n no-quorum-policy -v ignore");
  c.run(dc, std::string("cibadmin -M -o configuration -X '<configuration>") + kResources +
                "<constraints><rsc_location id=\"loc-other\" rsc=\"prmDummy\" node=\"" + other +
                "\" score=\"100\"/></constraints></configuration>'");
  REQUIRE(Cluster::wait_until([&] { return running_on(c, dc, "prmDummy") == other; }, seconds(60)));

  // heartbeatd -k on the active node: its crmd asks the DC to shut down and waits to be let go.
  c.run(other, PACER_LIBEXEC "/heartbeatd -k");
  CHECK(running_on(c, dc, "prmDummy") == dc);
  std::string log = c.log(other);
  auto requested = log.find("crm_shutdown: Requesting shutdown");
  auto stopped = log.find("process_lrm_event: LRM operation prmDummy_stop_0 (call=");
  auto exited = log.find("do_exit: Performing A_EXIT_0 - gracefully exiting the CRMd");
  INFO(log.substr(log.size() > 6000 ? log.size() - 6000 : 0));
  REQUIRE(requested != std::string::npos);
  REQUIRE(stopped != std::string::npos);
  REQUIRE(exited != std::string::npos);
  CHECK(requested < stopped);
  CHECK(stopped < exited);  // the resource was gone before crmd (and the node) left
  CHECK(c.log(dc).find("handle_shutdown_request: Creating shutdown request for " + other) != std::string::npos);
  CHECK(c.log(dc).find("match_down_event: No match for shutdown action on") == std::string::npos);
}

namespace {

// Debian's resource-agents ships the Stateful test agent as ocf:heartbeat:Stateful (Pacemaker's
// own copy, ocf:pacemaker:Stateful, is in the pacemaker package, which is never installed here).
const char* kMasterSlave =
    R"(<master id="msStateful"><meta_attributes id="msStateful-meta">)"
    R"(<nvpair id="msStateful-mm" name="master-max" value="1"/><nvpair id="msStateful-cm" name="clone-max" value="2"/>)"
    R"(</meta_attributes><primitive id="prmStateful" class="ocf" provider="heartbeat" type="Stateful">)"
    R"(<operations><op id="prmStateful-mon-m" name="monitor" interval="3s" role="Master" timeout="20s"/>)"
    R"(<op id="prmStateful-mon-s" name="monitor" interval="4s" role="Slave" timeout="20s"/>)"
    R"(</operations></primitive></master>)";

// What the agent itself says on `node`: "master", "slave" or "" (stopped).
std::string stateful_role(Cluster& c, const std::string& node) {
  std::string out;
  c.run_status(node, "cat /run/resource-agents/Stateful-prmStateful*.state 2>/dev/null", &out);
  return out;
}

}  // namespace

TEST_CASE("a master/slave resource is promoted on one node, and on the other when that one is powered off") {
  Cluster c;
  std::string dc = c.wait_for_dc();
  c.run(dc, "crm_attribute -n stonith-enabled -v false && crm_attribute -n no-quorum-policy -v ignore");
  c.run(dc, std::string("cibadmin -C -o resources -X '") + kMasterSlave + "'");
  std::string master, slave;
  bool settled = Cluster::wait_until([&] {
    std::string r1 = stateful_role(c, "pm1"), r2 = stateful_role(c, "pm2");
    if (r1 == "master" && r2 == "slave") master = "pm1", slave = "pm2";
    else if (r2 == "master" && r1 == "slave") master = "pm2", slave = "pm1";
    else return false;
    return true;
  }, seconds(60));
  INFO(c.log(dc).substr(c.log(dc).size() > 6000 ? c.log(dc).size() - 6000 : 0));
  REQUIRE(settled);
  // crm_mon and the live CIB agree with the agents.
  std::string screen;
  bool shown = Cluster::wait_until([&] {
    return c.run_status(dc, "crm_mon -1", &screen) == 0 &&
           // (run_shell trims the output's last newline: the set may end the screen)
           screen.find(" Master/Slave Set: msStateful\n     Masters: [ " + master + " ]\n     Slaves: [ " + slave +
                       " ]") != std::string::npos;
  }, seconds(20));
  {
    INFO(screen);
    CHECK(shown);
  }
  // The promotion score the agent set through crm_master decided it.
  CHECK(c.log(master).find("prmStateful_promote_0") != std::string::npos);

  // Power off the Master's node: the survivor's instance is promoted.
  REQUIRE(c.sandbox().power_off(master));
  CHECK(Cluster::wait_until([&] { return stateful_role(c, slave) == "master"; }, seconds(60)));
  shown = Cluster::wait_until([&] {
    return c.run_status(slave, "crm_mon -1", &screen) == 0 &&
           screen.find(" Master/Slave Set: msStateful\n     Masters: [ " + slave + " ]") != std::string::npos;
  }, seconds(20));
  {
    INFO(screen);
    CHECK(shown);
  }
  CHECK(replay_pe_inputs(c, slave) >= 2);
}
