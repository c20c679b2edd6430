// packaging_node_test: a two-node sandbox cluster running from the tree the .deb unpacked into
// (packaging_deb_install's scratch root, overlaid on each node's /usr). Each node is set up the
// way the package tells an administrator to: the package's postinst script for the user, the
// example ha.cf (with the sandbox's faster timing) and authkeys from /usr/share/doc/pacer, then
// heartbeatd. The nodes must form one cluster: one DC seen by both, both online in crm_mon. Then
// the new user's first steps: the seed's configuration loaded with crm on one node, its state read
// with crm_mon -fA1 on the other.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <thread>

#include "tests/sandbox/node_shell.h"
#include "tests/sandbox/sandbox.h"

using namespace pacer;
using namespace std::chrono;

namespace {

struct Node {
  sandbox::Sandbox& sb;
  std::string name;

  int status(const std::string& script, std::string* out = nullptr) {
    auto outcome = sandbox::run_shell(sb, name, script, milliseconds(30000));
    if (out) *out = outcome.out;
    return outcome.code;
  }
  std::string run(const std::string& script) {
    std::string out;
    int rc = status(script, &out);
    INFO(name << ": " << script << " -> " << rc << ": " << out);
    REQUIRE(rc == 0);
    return out;
  }
};

}  // namespace

TEST_CASE("nodes running the tree installed from the .deb form a cluster") {
  sandbox::SandboxOptions so;
  so.nodes = 2;
  so.client = false;
  so.stage_dir = PACER_DEB_ROOT;
  so.shared_disk = false;
  so.internal_disks = false;
  auto created = sandbox::Sandbox::create(so);
  INFO(created.error_message());
  REQUIRE(created);
  sandbox::Sandbox& sb = **created;
  Node pm1{sb, "pm1"}, pm2{sb, "pm2"};

  for (Node* n : {&pm1, &pm2}) {
    // Only the package's tree has pacer's libexec directory: the host's /usr has none.
    n->run("test -x " PACER_LIBEXEC "/heartbeatd && test -x /usr/sbin/crm_mon && test -f /usr/share/man/man8/heartbeatd.8");
    n->run("sh /usr/share/pacer/setup-users.sh");
    CHECK(n->run("id -gn hacluster") == "haclient");
    CHECK(n->run("stat -c '%U:%G %a' /var/lib/pacer") == "hacluster:haclient 750");
    n->run("sed -e 's/^keepalive .*/keepalive 200ms/; s/^warntime .*/warntime 600ms/;"
           " s/^deadtime .*/deadtime 1/; s/^initdead .*/initdead 2/; /^watchdog /d'"
           " /usr/share/doc/pacer/examples/ha.cf.example > /etc/ha.d/ha.cf");
    n->run("grep -v '^#' /usr/share/doc/pacer/examples/authkeys.example > /etc/ha.d/authkeys &&"
           " chmod 600 /etc/ha.d/authkeys");
    n->run(PACER_LIBEXEC "/heartbeatd");
  }
  CHECK(pm1.run("readlink /proc/$(cat /run/pacer/heartbeatd.pid)/exe") ==
        PACER_LIBEXEC "/heartbeatd");

  std::string dc;
  bool joined = sandbox::wait_until([&] {
    std::string a, b;
    if (pm1.status("crmadmin -D -q", &a) != 0 || pm2.status("crmadmin -D -q", &b) != 0) return false;
    dc = a;
    return !a.empty() && a == b;
  }, seconds(90));
  if (!joined) {
    std::string log1, log2;
    pm1.status("tail -60 /var/log/ha-log", &log1);
    pm2.status("tail -60 /var/log/ha-log", &log2);
    INFO("pm1:\n" << log1 << "\npm2:\n" << log2);
    REQUIRE(joined);
  }
  CHECK(pm1.run("cl_status listnodes | sort | tr '\\n' ' '") == "pm1 pm2 ");
  CHECK(pm2.run("cl_status nodestatus pm1") == "active");
  std::string screen;
  CHECK(sandbox::wait_until([&] {
    return pm2.status("crm_mon -1", &screen) == 0 && screen.find("Online: [ pm1 pm2 ]") != std::string::npos;
  }, seconds(30)));
  INFO(screen);
  CHECK(screen.find("Current DC: " + dc) != std::string::npos);

  // Copied in: a node sees neither the host's /tmp nor every host path the checkout may live at.
  std::ifstream fixture_in(PACER_FIXTURES_DIR "/osc2011-tokyo-spring-demo.crm");
  std::stringstream fixture;
  fixture << fixture_in.rdbuf();
  REQUIRE_FALSE(fixture.str().empty());
  REQUIRE(sb.write_file("pm2", "/etc/ha.d/osc2011-tokyo-spring-demo.crm", fixture.str()));
  pm2.run("crm configure load update /etc/ha.d/osc2011-tokyo-spring-demo.crm");
  CHECK(sandbox::wait_until([&] {
    return pm1.status("crm_mon -fA1", &screen) == 0 && screen.find("6 Resources configured.\n") != std::string::npos;
  }, seconds(30)));
  INFO(screen);
  CHECK(screen.find("\nOnline: [ pm1 pm2 ]\n") != std::string::npos);
  CHECK(screen.find("\nMigration summary:\n") != std::string::npos);
}
