// CIB replication on the sandbox cluster (issue 4's "Must show"): heartbeatd with `pacemaker on`
// starts the real cibd on two nodes. An update made on pm2 appears on pm1; with both interconnects
// cut each side accepts updates and after healing both hold the same CIB; a powered-off node
// rejoins and receives the current CIB.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "tests/sandbox/sandbox.h"

namespace pacer::cib {
namespace {

using namespace std::chrono;
using sandbox::Lan;

class Cluster {
 public:
  Cluster() {
    sandbox::SandboxOptions so;
    so.nodes = 2;
    so.client = false;
    so.stage_dir = PACER_CIB_STAGE;
    so.shared_disk = false;
    so.internal_disks = false;
    auto sb = sandbox::Sandbox::create(so);
    INFO(sb.error_message());
    REQUIRE(sb);
    sb_ = std::move(*sb);
    for (std::string n : {"pm1", "pm2"}) {
      std::string cf = "pacemaker on\nkeepalive 200ms\nwarntime 600ms\ndeadtime 1\ninitdead 2\n"
                       "logfacility local1\nbcast eth1\nbcast eth2\nnode pm1\nnode pm2\n";
      REQUIRE(sb_->write_file(n, "/etc/ha.d/ha.cf", cf));
      REQUIRE(sb_->write_file(n, "/etc/ha.d/authkeys", "auth 1\n1 sha1 cib-test\n"));
      REQUIRE(run_status(n, "chmod 600 /etc/ha.d/authkeys") == 0);
      start(n);
    }
  }

  void start(const std::string& n) {
    REQUIRE(run_status(n, PACER_LIBEXEC "/heartbeatd") == 0);
    REQUIRE(wait([&] { return run_status(n, "/usr/sbin/cibadmin -Q -o nodes >/dev/null") == 0; }, seconds(30)));
  }

  int run_status(const std::string& node, const std::string& script, std::string* out = nullptr) {
    auto res = sb_->sh(node, script, {.timeout = milliseconds(60000)});
    if (!res) return -1;
    if (out) *out = res->stdout_text;
    return res->exited ? res->code : 128 + res->signal;
  }

  std::string query(const std::string& node, const std::string& section) {
    std::string out;
    if (run_status(node, "/usr/sbin/cibadmin -Q -o " + section, &out) != 0) return "(no answer)";
    return out;
  }

  // Creates a primitive from `node`, retrying while the master changes under it.
  bool create(const std::string& node, const std::string& id) {
    std::string xml = "<primitive id='" + id + "' class='ocf' provider='heartbeat' type='Dummy'/>";
    return wait([&] {
      return run_status(node, "timeout 10 /usr/sbin/cibadmin -C -o resources -X \"" + xml + "\"") == 0 ||
             query(node, "resources").find("\"" + id + "\"") != std::string::npos;
    }, seconds(30));
  }

  bool has(const std::string& node, const std::string& id) {
    return query(node, "resources").find("\"" + id + "\"") != std::string::npos;
  }

  static bool wait(const std::function<bool()>& probe, milliseconds timeout) {
    auto end = steady_clock::now() + timeout;
    while (steady_clock::now() < end) {
      if (probe()) return true;
      std::this_thread::sleep_for(milliseconds(200));
    }
    return probe();
  }

  sandbox::Sandbox& sb() { return *sb_; }

 private:
  std::unique_ptr<sandbox::Sandbox> sb_;
};

TEST_CASE("cib: updates replicate, partitions converge, a rejoining node is synced", "[cib]") {
  Cluster c;
  // Both nodes see each other and their copies agree (crmd may have written its own updates).
  REQUIRE(Cluster::wait([&] {
    return c.run_status("pm1", "cl_status nodestatus pm2 | grep -q active") == 0 &&
           c.run_status("pm2", "cl_status nodestatus pm1 | grep -q active") == 0 &&
           c.query("pm1", "configuration") == c.query("pm2", "configuration");
  }, seconds(30)));
  std::this_thread::sleep_for(seconds(3));
  // An update on pm2 appears on pm1 (forwarded to the master, spread as a diff).
  REQUIRE(c.create("pm2", "fromPm2"));
  CHECK(Cluster::wait([&] { return c.has("pm1", "fromPm2"); }, seconds(20)));

  // Both interconnects cut: each side is its own partition and master, and accepts updates.
  REQUIRE(c.sb().cut(Lan::ic1, "pm2"));
  REQUIRE(c.sb().cut(Lan::ic2, "pm2"));
  REQUIRE(c.create("pm1", "left"));
  REQUIRE(c.create("pm2", "right1"));
  REQUIRE(c.create("pm2", "right2"));
  CHECK_FALSE(c.has("pm1", "right1"));
  CHECK_FALSE(c.has("pm2", "left"));
  REQUIRE(c.sb().restore(Lan::ic1, "pm2"));
  REQUIRE(c.sb().restore(Lan::ic2, "pm2"));
  // Healed: both converge on one configuration (the higher version wins).
  CHECK(Cluster::wait([&] {
    std::string a = c.query("pm1", "configuration");
    return a != "(no answer)" && a == c.query("pm2", "configuration");
  }, seconds(30)));
  INFO("pm1: " << c.query("pm1", "resources") << "\npm2: " << c.query("pm2", "resources"));
  CHECK(c.has("pm1", "right2"));

  // A powered-off node comes back and receives what changed while it was away.
  REQUIRE(c.sb().power_off("pm2"));
  REQUIRE(c.create("pm1", "whileDown"));
  REQUIRE(c.sb().power_on("pm2"));
  c.start("pm2");
  CHECK(Cluster::wait([&] { return c.has("pm2", "whileDown"); }, seconds(30)));
  CHECK(Cluster::wait([&] { return c.query("pm1", "configuration") == c.query("pm2", "configuration"); },
                      seconds(20)));
}

}  // namespace
}  // namespace pacer::cib
