// Issue 7's "Must show" on the sandbox: heartbeatd (pacemaker on) starts cibd, lrmd, attrd and
// ifcheckd on each node (and crmd, when the stage has it; nothing here needs it). CIB writes are counted from the CIB's own notifications
// (attrd-cib-watch), and the end of a dampening window is observed through a sentinel attribute
// updated with the same dampening after the last change: once the sentinel's write is notified, the
// earlier window has closed too.
//
// cibd replicates: what a node's attrd writes reaches every node's CIB (through the master's copy);
// what a peer's attrd knows of a node is checked through `attrd_updater -Q -N`.
#include <catch2/catch.hpp>

#include <sstream>

#include "tests/attrd/attrd_cluster.h"

namespace pacer::attrd::testing {
namespace {

using namespace std::chrono;

// Starts the CIB watcher in `node`; its lines go to /run/cib-watch.log.
void start_watch(AttrdCluster& c, const std::string& node) {
  c.run(node, "setsid -f " PACER_CIB_WATCH " > /run/cib-watch.log 2>&1 < /dev/null");
  REQUIRE(AttrdCluster::wait_until(
      [&] { return c.run_status(node, "grep -q '^subscribed' /run/cib-watch.log") == 0; }, seconds(10)));
}

// The watcher's change lines that touch attribute `name` (nvpair ids end in "-<name>").
std::vector<std::string> changes_of(AttrdCluster& c, const std::string& node, const std::string& name) {
  std::string log;
  c.run_status(node, "cat /run/cib-watch.log", &log);
  std::vector<std::string> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("change ") && line.find("-" + name + "\"") != std::string::npos) out.push_back(line);
  return out;
}

bool wait_for_changes(AttrdCluster& c, const std::string& node, const std::string& name, std::size_t n) {
  return AttrdCluster::wait_until([&] { return changes_of(c, node, name).size() >= n; }, seconds(20));
}

TEST_CASE("attrd: one CIB write per dampening window, flaps never written, -N value++ relayed", "[attrd]") {
  auto c = AttrdCluster::start();
  start_watch(*c, "pm1");
  start_watch(*c, "pm2");

  c->run("pm1", "attrd_updater -n test -U 1 -d 5s && attrd_updater -n test -U 2 && attrd_updater -n test -U 3"
               " && attrd_updater -n sentinel1 -U 1 -d 5s");
  REQUIRE(wait_for_changes(*c, "pm1", "sentinel1", 1));
  auto writes = changes_of(*c, "pm1", "test");
  INFO("changes: " << writes.size());
  REQUIRE(writes.size() == 1);
  CHECK(writes[0].find("value=\"3\"") != std::string::npos);
  CHECK(c->cib_value("pm1", "test") == "3");
  // The same single write reached pm2's CIB (replicated).
  REQUIRE(wait_for_changes(*c, "pm2", "sentinel1", 1));
  auto replicated = changes_of(*c, "pm2", "test");
  INFO("changes on pm2: " << replicated.size());
  CHECK(replicated.size() == 1);
  CHECK(c->cib_value("pm2", "test") == "3");
  CHECK(c->wait_for_log("pm1", "attrd_perform_update: Sent update"));
  // pm2's attrd learned pm1's value from pm1's announcement.
  CHECK(AttrdCluster::wait_until(
      [&] {
        std::string v;
        return c->run_status("pm2", "attrd_updater -Q -N pm1 -n test -q", &v) == 0 && v == "3";
      },
      seconds(5)));

  // 100 -> 0 -> 100 inside the window.
  c->run("pm1", "attrd_updater -n flap -U 100 -d 5s");
  REQUIRE(wait_for_changes(*c, "pm1", "flap", 1));
  c->run("pm1", "attrd_updater -n flap -U 0 && attrd_updater -n flap -U 100 && attrd_updater -n sentinel2 -U 1 -d 5s");
  REQUIRE(wait_for_changes(*c, "pm1", "sentinel2", 1));
  CHECK(changes_of(*c, "pm1", "flap").size() == 1);
  CHECK(c->cib_value("pm1", "flap") == "100");

  // The DC's way of counting failures on another node: the owner (pm2) expands value++.
  c->run("pm1", "attrd_updater -N pm2 -n fail-count-x -v value++ && attrd_updater -N pm2 -n fail-count-x -v value++");
  CHECK(c->wait_for_value("pm2", "fail-count-x", "2"));
  CHECK(c->wait_for_value("pm1", "fail-count-x", "2"));  // pm2's write, replicated
  // crm_resource -C's way of clearing it.
  c->run("pm1", "attrd_updater -N pm2 -n fail-count-x -D");
  CHECK(c->wait_for_value("pm2", "fail-count-x", std::nullopt));
  CHECK(c->wait_for_log("pm2", "attrd_perform_update: Sent delete"));
  // Refresh (what crmd will ask for after rebuilding a node's status): attrd writes its values again.
  c->run("pm1", "cibadmin -D -A \"//nvpair[@name='test']\"");
  REQUIRE(c->wait_for_value("pm1", "test", std::nullopt));
  c->run("pm1", "attrd_updater -R");
  CHECK(c->wait_for_value("pm1", "test", "3"));
  // Exit codes of the tool.
  CHECK(c->run_status("pm1", "attrd_updater -Q -n never-set") == 105);
  CHECK(c->run_status("pm1", "attrd_updater -n x -U") == 64);
}

TEST_CASE("ifcheckd: a cut interconnect is dead, restored up, a powered-off peer's attributes go", "[ifcheckd]") {
  auto c = AttrdCluster::start();
  REQUIRE(c->wait_for_log("pm1", "ifcheckd: [", seconds(10)));
  CHECK(c->wait_for_log("pm1", "Waiting for a DC", seconds(10)));
  bool by_crmd = c->ensure_dc();
  WARN("DC recorded by " << (by_crmd ? "crmd" : "the test (no crmd in the stage)"));
  REQUIRE(c->wait_for_value("pm1", "pm2-eth1", "up"));
  REQUIRE(c->wait_for_value("pm1", "pm2-eth2", "up"));
  CHECK(c->wait_for_log("pm1", "A DC is recorded; watching the links"));
  CHECK(c->wait_for_log("pm1", "Requesting the list of configured nodes"));
  // pm1's ifcheckd records only its peer's links; pm2's record of pm1's links reaches pm1's CIB
  // under pm2's node_state.
  CHECK(c->run_status("pm1", "cibadmin -Q -A \"//node_state[@uname='pm1']//nvpair[@name='pm1-eth1']\"") != 0);
  CHECK(AttrdCluster::wait_until([&] {
    return c->run_status("pm1", "cibadmin -Q -A \"//node_state[@uname='pm2']//nvpair[@name='pm1-eth1']\"") == 0;
  }, seconds(20)));

  REQUIRE(c->sandbox().cut(sandbox::Lan::ic1, "pm2"));
  CHECK(c->wait_for_value("pm1", "pm2-eth1", "dead"));
  CHECK(c->cib_value("pm1", "pm2-eth2") == "up");
  REQUIRE(c->sandbox().restore(sandbox::Lan::ic1, "pm2"));
  CHECK(c->wait_for_value("pm1", "pm2-eth1", "up"));

  REQUIRE(c->sandbox().power_off("pm2"));
  CHECK(c->wait_for_value("pm1", "pm2-eth1", std::nullopt));
  CHECK(c->wait_for_value("pm1", "pm2-eth2", std::nullopt));
}

TEST_CASE("pingd through lrmd and ocf:pacemaker:ping through attrd_updater lose the service LAN", "[pingd]") {
  auto c = AttrdCluster::start();
  c->run("pm1",
        "pacer-lrmadmin -A prmPingd ocf pingd pacemaker name=default_ping_set host_list=198.19.0.200 "
        "multiplier=100 dampen=0 timeout=1 attempts=1 && pacer-lrmadmin -E prmPingd start 20000 0 CHANGED");
  REQUIRE(c->wait_for_value("pm1", "default_ping_set", "100"));
  c->run("pm2",
        "pacer-lrmadmin -A prmPing ocf ping pacemaker name=ping_set host_list=198.19.0.200 "
        "multiplier=100 dampen=0 timeout=1 attempts=1 && pacer-lrmadmin -E prmPing start 20000 0 CHANGED");
  REQUIRE(c->wait_for_value("pm2", "ping_set", "100"));

  REQUIRE(c->sandbox().cut(sandbox::Lan::service, "pm1"));
  CHECK(c->wait_for_value("pm1", "default_ping_set", "0"));
  CHECK(c->wait_for_log("pm1", "info: stand_alone_ping: Node 198.19.0.200 is unreachable (read)"));
  CHECK(c->run_status("pm1", "pacer-lrmadmin -E prmPingd monitor 20000 0 CHANGED") == 0);  // the daemon runs
  REQUIRE(c->sandbox().restore(sandbox::Lan::service, "pm1"));
  CHECK(c->wait_for_value("pm1", "default_ping_set", "100"));

  // ocf:pacemaker:ping computes its value at each monitor.
  // (A restored link takes a moment to carry traffic again, so the monitor is repeated.)
  auto monitor_until = [&](const std::string& value) {
    return AttrdCluster::wait_until(
        [&] {
          c->run_status("pm2", "pacer-lrmadmin -E prmPing monitor 20000 0 CHANGED");
          return c->cib_value("pm2", "ping_set") == value;
        },
        seconds(20), milliseconds(200));
  };
  REQUIRE(c->sandbox().cut(sandbox::Lan::service, "pm2"));
  CHECK(monitor_until("0"));
  REQUIRE(c->sandbox().restore(sandbox::Lan::service, "pm2"));
  CHECK(monitor_until("100"));

  // Stopping removes the attribute.
  c->run("pm1", "pacer-lrmadmin -E prmPingd stop 20000 0 CHANGED");
  CHECK(c->wait_for_value("pm1", "default_ping_set", std::nullopt));
  CHECK(c->run_status("pm1", "pacer-lrmadmin -E prmPingd monitor 20000 0 CHANGED") == 7);
}

TEST_CASE("diskd: an unreadable device is ERROR within interval x (retries + 1), repaired normal", "[diskd]") {
  auto c = AttrdCluster::start(1);
  c->run("pm1",
        "pacer-lrmadmin -A prmDiskd ocf diskd pacemaker name=diskcheck_status device=/dev/internal "
        "interval=2 'options=-r 1 -I 1 -t 5' && pacer-lrmadmin -E prmDiskd start 20000 0 CHANGED");
  REQUIRE(c->wait_for_value("pm1", "diskcheck_status", "normal"));
  // The node's private /dev: replace the device's node with a directory (reads fail, EISDIR).
  c->run("pm1", "mv /dev/internal /dev/internal.saved && mkdir /dev/internal");
  auto failed_at = steady_clock::now();
  // interval 2 s x (retries 1 + 1), plus the time the round itself and attrd take.
  REQUIRE(c->wait_for_value("pm1", "diskcheck_status", "ERROR", seconds(8)));
  INFO("took " << duration_cast<milliseconds>(steady_clock::now() - failed_at).count() << " ms");
  CHECK(steady_clock::now() - failed_at < seconds(6));
  CHECK(c->wait_for_log("pm1",
                        "WARN: check_status: disk status is changed, attr_name=diskcheck_status, "
                        "target=/dev/internal, new_status=ERROR"));
  // The monitor reports the daemon, not the disk.
  CHECK(c->run_status("pm1", "pacer-lrmadmin -E prmDiskd monitor 20000 0 CHANGED") == 0);
  c->run("pm1", "rmdir /dev/internal && mv /dev/internal.saved /dev/internal");
  CHECK(c->wait_for_value("pm1", "diskcheck_status", "normal"));

  // The harness's disk failure (a device of size 0) is ERROR too.
  REQUIRE(c->sandbox().disk_fail("internal-pm1"));
  CHECK(c->wait_for_value("pm1", "diskcheck_status", "ERROR", seconds(8)));
  REQUIRE(c->sandbox().disk_restore("internal-pm1"));
  CHECK(c->wait_for_value("pm1", "diskcheck_status", "normal"));

  c->run("pm1", "pacer-lrmadmin -E prmDiskd stop 20000 0 CHANGED");
  CHECK(c->wait_for_value("pm1", "diskcheck_status", std::nullopt));

  // The write check, in oneshot mode: no daemon, each monitor checks once.
  c->run("pm1", "mkdir -p /var/lib/pacer/diskcheck && "
                "pacer-lrmadmin -A prmDiskdW ocf diskd pacemaker name=diskcheck_status_internal "
                "write_dir=/var/lib/pacer/diskcheck oneshot=true && pacer-lrmadmin -E prmDiskdW start 20000 0 CHANGED");
  CHECK(c->wait_for_value("pm1", "diskcheck_status_internal", "normal"));
  CHECK(c->run_status("pm1", "pgrep -x diskd") != 0);
  c->run("pm1", "chattr +i /var/lib/pacer/diskcheck 2>/dev/null || mount -t tmpfs -o ro,size=1m none /var/lib/pacer/diskcheck");
  c->run_status("pm1", "pacer-lrmadmin -E prmDiskdW monitor 20000 0 CHANGED");
  CHECK(c->wait_for_value("pm1", "diskcheck_status_internal", "ERROR"));
  // An immutable directory would outlive the sandbox: its teardown cannot remove it.
  c->run_status("pm1", "chattr -i /var/lib/pacer/diskcheck 2>/dev/null; umount /var/lib/pacer/diskcheck 2>/dev/null; true");
}

TEST_CASE("attrd killed: respawned, CIB attributes survive, the daemons go on through the new attrd", "[attrd]") {
  auto c = AttrdCluster::start();
  (void)c->ensure_dc();
  c->run("pm1", "attrd_updater -n kept -U yes && "
               "pacer-lrmadmin -A prmPingd ocf pingd pacemaker name=default_ping_set host_list=198.19.0.200 "
               "multiplier=100 dampen=0 timeout=1 attempts=1 && pacer-lrmadmin -E prmPingd start 20000 0 CHANGED && "
               "pacer-lrmadmin -A prmDiskd ocf diskd pacemaker name=diskcheck_status device=/dev/internal "
               "interval=1 'options=-r 0 -t 5' && pacer-lrmadmin -E prmDiskd start 20000 0 CHANGED");
  REQUIRE(c->wait_for_value("pm1", "kept", "yes"));
  REQUIRE(c->wait_for_value("pm1", "default_ping_set", "100"));
  REQUIRE(c->wait_for_value("pm1", "diskcheck_status", "normal"));
  REQUIRE(c->wait_for_value("pm1", "pm2-eth1", "up"));

  std::string old_pid = c->run("pm1", "pgrep -x attrd");
  c->run("pm1", "kill -9 " + old_pid);
  REQUIRE(c->wait_for_log("pm1", "Respawning client"));
  std::string new_pid;
  REQUIRE(AttrdCluster::wait_until(
      [&] { return c->run_status("pm1", "pgrep -x attrd", &new_pid) == 0 && new_pid != old_pid; }, seconds(10)));
  CHECK(c->wait_for_log("pm1", "Read 5 attribute(s) of pm1 from the CIB"));
  CHECK(c->cib_value("pm1", "kept") == "yes");
  CHECK(c->run("pm1", "attrd_updater -Q -n kept -q") == "yes");

  // Each daemon's next change goes through the new attrd.
  REQUIRE(c->sandbox().cut(sandbox::Lan::service, "pm1"));
  CHECK(c->wait_for_value("pm1", "default_ping_set", "0"));
  REQUIRE(c->sandbox().restore(sandbox::Lan::service, "pm1"));
  c->run("pm1", "mv /dev/internal /dev/internal.saved && mkdir /dev/internal");
  CHECK(c->wait_for_value("pm1", "diskcheck_status", "ERROR"));
  c->run("pm1", "rmdir /dev/internal && mv /dev/internal.saved /dev/internal");
  REQUIRE(c->sandbox().cut(sandbox::Lan::ic1, "pm2"));
  CHECK(c->wait_for_value("pm1", "pm2-eth1", "dead"));
  REQUIRE(c->sandbox().restore(sandbox::Lan::ic1, "pm2"));
  CHECK(c->wait_for_value("pm1", "pm2-eth1", "up"));
  CHECK(c->wait_for_value("pm1", "default_ping_set", "100"));
  CHECK(c->wait_for_value("pm1", "diskcheck_status", "normal"));
}

}  // namespace
}  // namespace pacer::attrd::testing
