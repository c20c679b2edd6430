// crm and crm_mon against a live cluster: two sandbox nodes with heartbeatd (`pacemaker on`), the
// seed's configuration loaded with `crm configure load update` from the shared crm fixture, then
// what an administrator does every day: crm configure show, crm_mon -fA1, crm node standby /
// online, crm configure primitive, a failed monitor seen by crm_mon and forgotten by crm resource
// cleanup, crm configure edit through a scripted $EDITOR.
//
// The configuration is loaded on the node that is not the DC and read back on the DC: cibd
// replicates (the slave forwards to the DC's master copy), as an administrator expects.
#include <catch2/catch.hpp>

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
    so.client = false;
    so.stage_dir = PACER_TOOLS_STAGE;
    so.shared_disk = false;
    so.internal_disks = false;
    auto sb = sandbox::Sandbox::create(so);
    INFO(sb.error_message());
    REQUIRE(sb);
    sandbox_ = std::move(*sb);
    for (const char* n : {"pm1", "pm2"})
      REQUIRE(sandbox::start_heartbeat(*sandbox_, n, sandbox::stack_test_ha_cf({"pm1", "pm2"}), "tools-live-test"));
  }

  int status(const std::string& node, const std::string& script, std::string* out = nullptr) {
    auto outcome = sandbox::run_shell(*sandbox_, node, script, milliseconds(60000));
    if (out) *out = outcome.out;
    return outcome.code;
  }
  std::string run(const std::string& node, const std::string& script) {
    std::string out;
    int rc = status(node, script, &out);
    INFO(node << ": " << script << " -> " << rc << ": " << out);
    REQUIRE(rc == 0);
    return out;
  }
  // Writes `text` into `node`'s own file system (a node sees neither the host's /tmp nor every
  // host path, so files a test needs inside are copied in, not named by their host path).
  void put(const std::string& node, const std::string& path, const std::string& text) {
    REQUIRE(sandbox_->write_file(node, path, text));
  }
  std::string log(const std::string& node) {
    std::string out;
    status(node, "tail -80 /var/log/ha-log", &out);
    return out;
  }

 private:
  std::unique_ptr<sandbox::Sandbox> sandbox_;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("crm and crm_mon on a live cluster: load the seed's configuration, standby, cleanup, edit") {
  Cluster c;
  std::string dc;
  bool elected = sandbox::wait_until([&] {
    std::string a, b;
    if (c.status("pm1", "crmadmin -D -q", &a) != 0 || c.status("pm2", "crmadmin -D -q", &b) != 0) return false;
    dc = a;
    return !a.empty() && a == b;
  }, seconds(90));
  if (!elected) {
    INFO("pm1:\n" << c.log("pm1") << "\npm2:\n" << c.log("pm2"));
    REQUIRE(elected);
  }
  std::string other = dc == "pm1" ? "pm2" : "pm1";
  REQUIRE(sandbox::wait_until([&] { return c.status(dc, "crmadmin -S " + dc + " | grep -q S_IDLE") == 0; }, seconds(60)));
  // Both nodes are in the DC's CIB before anything names them.
  REQUIRE(sandbox::wait_until([&] { return c.status(dc, "crm node list | grep -c '^pm[12](' | grep -qx 2") == 0; },
                     seconds(30)));

  // The seed's configuration, as pm_crmgen wrote it.
  std::string fixture = read_text(std::string(PACER_FIXTURES_DIR) + "/osc2011-tokyo-spring-demo.crm");
  REQUIRE_FALSE(fixture.empty());
  c.put(other, "/etc/ha.d/osc2011-tokyo-spring-demo.crm", fixture);
  c.run(other, "crm configure load update /etc/ha.d/osc2011-tokyo-spring-demo.crm");
  std::string shown;
  CHECK(sandbox::wait_until([&] {
    return c.status(dc, "crm configure show", &shown) == 0 && contains(shown, "group grpPg");
  }, seconds(20)));
  {
    // Every object of the round-trip golden file is shown the same way (the live CIB adds the
    // nodes and crmd's own properties, so the cluster options block is compared by option).
    std::string golden = read_text(std::string(PACER_TOOLS_DATA) + "/crm/osc2011-show.crm");
    REQUIRE_FALSE(golden.empty());
    // One statement per line not starting with a tab (continuations do); comments are skipped.
    std::vector<std::string> statements;
    std::stringstream lines(golden);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line[0] == '\t' && !statements.empty()) statements.back() += "\n" + line;
      else if (!line.empty() && line[0] != '#') statements.push_back(line);
    }
    int compared = 0;
    for (const std::string& statement : statements) {
      if (statement.rfind("property ", 0) == 0) {
        for (const char* option : {"no-quorum-policy=\"ignore\"", "stonith-enabled=\"true\"",
                                   "startup-fencing=\"false\"", "stonith-timeout=\"740s\""})
          CHECK(contains(shown, option));
        continue;
      }
      INFO("statement:\n" << statement << "\nshown:\n" << shown);
      CHECK(contains(shown + "\n", statement + "\n"));
      ++compared;
    }
    CHECK(compared > 10);
  }
  CHECK(c.status(dc, "crm configure verify") == 0);

  // crm_mon -fA1 reads the live cluster (on the node where the configuration was typed).
  std::string screen = c.run(other, "crm_mon -fA1");
  INFO(screen);
  CHECK(std::regex_search(screen, std::regex("^============\nLast updated: .*\nStack: Heartbeat\n"
                                             "Current DC: " + dc + " \\([0-9a-f-]{36}\\) - partition with quorum\n"
                                             "Version: .*\n2 Nodes configured, unknown expected votes\n"
                                             "6 Resources configured.\n============\n\n"
                                             "Online: \\[ pm1 pm2 \\]\n")));
  CHECK(contains(screen, "\nNode Attributes:\n* Node "));
  CHECK(contains(screen, "\nMigration summary:\n* Node "));
  std::string all = c.run(dc, "crm_mon -rfA1");
  INFO(all);
  CHECK(contains(all, " Resource Group: grpPg\n     prmEx\t(ocf::heartbeat:sfex):\t"));
  CHECK(contains(all, " Clone Set: clnPingd\n"));

  // crm_simulate reads the live CIB through the local cib, and plays a node's loss on it.
  std::string simulated = c.run(dc, "crm_simulate -LS -d " + other);
  INFO(simulated);
  CHECK(contains(simulated, "Current cluster status:\n  * Node List:\n    * Online: [ pm1 pm2 ]\n"));
  CHECK(contains(simulated, "\nPerforming Requested Modifications:\n  * Taking node " + other + " offline\n"));
  CHECK(contains(simulated, "\nTransition Summary:\n"));
  CHECK(contains(simulated, "\nRevised Cluster Status:\n  * Node List:\n    * Online: [ " + dc + " ]\n    * OFFLINE: [ " +
                                other + " ]\n"));

  // crm node standby / online (the seed's switch-over): without a node name, this node.
  c.run(other, "crm node standby");
  CHECK(c.run(dc, "crm node attribute " + other + " show standby") == "scope=nodes  name=standby value=on");
  CHECK(sandbox::wait_until([&] {
    std::string out;
    return c.status(dc, "crm_mon -1", &out) == 0 && contains(out, "\nNode " + other + " (") &&
           contains(out, "): standby\n");
  }, seconds(20)));
  c.run(dc, "crm node online " + other);
  CHECK(sandbox::wait_until([&] {
    std::string out;
    return c.status(dc, "crm_mon -1", &out) == 0 && contains(out, "\nOnline: [ pm1 pm2 ]\n");
  }, seconds(20)));

  // crm resource failcount set/show and cleanup on a count set by hand.
  c.run(dc, "crm resource failcount prmIp set " + dc + " 2");
  CHECK(c.run(dc, "crm resource failcount prmIp show " + dc) == "scope=status  name=fail-count-prmIp value=2");
  CHECK(c.run(dc, "crm resource cleanup prmIp " + dc) == "Cleaning up prmIp on " + dc);
  CHECK(c.run(dc, "crm resource failcount prmIp show " + dc) == "scope=status  name=fail-count-prmIp value=0");

  // A real failure: a Dummy added with crm configure primitive, its monitor failed by removing
  // its state file; crm_mon shows the fail-count and the failed action, crm resource cleanup
  // forgets both.
  c.run(other, "crm configure primitive prmDummy ocf:heartbeat:Dummy op monitor interval=\"2s\" timeout=\"30s\"");
  std::string where;
  REQUIRE(sandbox::wait_until([&] {
    std::string out;
    std::smatch m;
    if (c.status(dc, "crm resource status prmDummy", &out) != 0 ||
        !std::regex_search(out, m, std::regex("is running on: (pm[12])")))
      return false;
    where = m[1];
    return true;
  }, seconds(60)));
  c.run(where, "rm -f /run/resource-agents/Dummy-prmDummy.state");
  std::string failed;
  bool counted = sandbox::wait_until([&] {
    return c.status(dc, "crm_mon -fA1", &failed) == 0 &&
           contains(failed, "   prmDummy: migration-threshold=1 fail-count=1\n") &&
           contains(failed, "\nFailed actions:\n    prmDummy_monitor_2000 (node=" + where + ", call=");
  }, seconds(60));
  INFO(failed);
  CHECK(counted);
  CHECK(c.run(other, "crm resource cleanup prmDummy") == "Cleaning up prmDummy on pm1\nCleaning up prmDummy on pm2");
  CHECK(c.run(dc, "crm resource failcount prmDummy show " + where) == "scope=status  name=fail-count-prmDummy value=0");
  CHECK(sandbox::wait_until([&] {
    return c.status(dc, "crm_mon -fA1", &failed) == 0 && !contains(failed, "prmDummy_monitor_2000") &&
           !contains(failed, "fail-count=1");
  }, seconds(30)));

  // crm configure edit with a script as the editor.
  c.run(dc, "printf '#!/bin/sh\\nsed -i \"s/migration-threshold=\\\\\"1\\\\\"/migration-threshold=\\\\\"3\\\\\"/\" \"$1\"\\n' > /tmp/editor"
            " && chmod +x /tmp/editor && EDITOR=/tmp/editor crm configure edit");
  CHECK(contains(c.run(dc, "crm configure show"), "rsc_defaults \\\n\tresource-stickiness=\"INFINITY\" \\\n\tmigration-threshold=\"3\""));
  CHECK(contains(c.run(dc, "cibadmin -Q -o rsc_defaults"), "name=\"migration-threshold\" value=\"3\""));
}
