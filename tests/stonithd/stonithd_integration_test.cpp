// stonithd in the sandbox: pm2 runs lrmd and stonithd (standalone: one fencing node is enough for
// what these cases show), its devices are stonith: resources started through lrmd, and pm1 is
// the target. The sandbox power switch reaches the harness through a control socket this test
// serves (sandbox-cli with SANDBOX_CONTROL_SOCKET, from inside pm2).
//
// Cases, in one sandbox to keep the run short:
//   a fence agent (Debian's fence_dummy) through stonith_admin -F;
//   the seed's chain: stonith-helper sees pm1 alive and fails -> the sandbox switch resets pm1
//   (its processes are gone, it boots again); with the switch failing, meatware is reached and
//   `meatclient -c pm1` confirms; with pm1 powered off, stonith-helper's dead check alone completes;
//   stonith_admin -H and the log show each attempt.
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/sandbox/node_shell.h"
#include "tests/sandbox/sandbox.h"
#include "tests/stonithd/switch_server.h"

namespace {

using namespace pacer;
using namespace pacer::sandbox;
using namespace std::chrono;

struct Lab {
  std::unique_ptr<Sandbox> sb;
  std::unique_ptr<stonithd::testing::SwitchServer> power;  // destroyed before sb

  ~Lab() {
    power.reset();
    if (sb && std::getenv("STONITHD_TEST_SHOW_LOG")) {
      auto log = run_shell(*sb, "pm2", "cat /var/log/ha-log", seconds(10));
      std::fprintf(stderr, "%s\n", log.out.c_str());
    }
  }

  ShellOutcome sh(const std::string& host, const std::string& script, milliseconds timeout = seconds(60)) {
    return run_shell(*sb, host, script, timeout);
  }
  std::string ok(const std::string& host, const std::string& script) {
    auto r = sh(host, script);
    INFO(host << ": " << script << "\n" << r.summary << "\nstdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.code == 0);
    return r.out;
  }
  bool wait_until(const std::function<bool()>& probe, milliseconds timeout) {
    auto end = steady_clock::now() + timeout;
    while (steady_clock::now() < end) {
      if (probe()) return true;
      std::this_thread::sleep_for(milliseconds(100));
    }
    return probe();
  }
  std::string log() { return sh("pm2", "cat /var/log/ha-log").out; }
  int count(const std::string& text) {
    std::string l = log();
    int n = 0;
    for (auto p = l.find(text); p != std::string::npos; p = l.find(text, p + 1)) ++n;
    return n;
  }
};

void add_device(Lab& lab, const std::string& id, const std::string& type, const std::string& params) {
  lab.ok("pm2", "pacer-lrmadmin -A " + id + " stonith " + type + " NULL " + params);
  auto r = lab.sh("pm2", "pacer-lrmadmin -E " + id + " start 30000 0 CHANGED");
  INFO(id << ": " << r.out << r.err);
  REQUIRE(r.code == 0);
}

TEST_CASE("fencing through a fence agent, cluster-glue plugins, the sandbox switch and meatware") {
  Lab lab;
  SandboxOptions so;
  so.nodes = 2;
  so.client = false;
  so.shared_disk = false;
  so.internal_disks = false;
  so.stage_dir = PCR_STONITHD_STAGE;
  so.label = "stonithd-test";
  auto sb = Sandbox::create(so);
  INFO(sb.error_message());
  REQUIRE(sb);
  lab.sb = std::move(*sb);
  lab.power = std::make_unique<stonithd::testing::SwitchServer>(
      *lab.sb, std::string(PCR_STONITHD_TEST_DIR) + "/ctl-" + std::to_string(getpid()) + ".sock");

  lab.ok("pm2", "HA_LOGFACILITY=local1 setsid -f /usr/libexec/pacer/lrmd -r </dev/null >/run/lrmd.out 2>&1");
  lab.ok("pm2", "HA_LOGFACILITY=local1 setsid -f /usr/libexec/pacer/stonithd --standalone </dev/null "
                ">/run/stonithd.out 2>&1");
  REQUIRE(lab.wait_until([&] { return lab.sh("pm2", "pacer-lrmadmin -C && stonith_admin -L").code == 0; },
                         seconds(10)));
  // pm1's marker: a process that must be gone after it is fenced.
  lab.ok("pm1", "setsid -f sleep 1000 </dev/null >/dev/null 2>&1");
  const int boots = lab.sb->status("pm1")->boots;

  {  // a fence agent
    lab.ok("pm2", "printf on > /run/fd.status");  // fence_dummy compares the whole file
    add_device(lab, "prmFenceDummy", "fence_dummy", "pcmk_host_list=pm1 type=file status_file=/run/fd.status");
    CHECK(lab.ok("pm2", "stonith_admin -l pm1").find("prmFenceDummy") != std::string::npos);
    auto fenced = lab.sh("pm2", "stonith_admin -F pm1 -t 30");
    INFO(fenced.out << fenced.err);
    CHECK(fenced.code == 0);
    CHECK(lab.ok("pm2", "cat /run/fd.status") == "off");
    CHECK(lab.log().find("sending fencing op POWEROFF for pm1 to prmFenceDummy (fence_dummy)") != std::string::npos);
    lab.ok("pm2", "pacer-lrmadmin -E prmFenceDummy stop 30000 0 CHANGED");
    CHECK(lab.ok("pm2", "stonith_admin -L -q").empty());
  }

  // The seed's group: stonith-helper (1), the switch (2), meatware (3).
  const std::string cli = PCR_SANDBOX_CLI;
  add_device(lab, "prmHelper", "external/stonith-helper",
             "hostlist=pm1 dead_check_target=198.18.1.1,198.18.2.1 dead_check_trialcount=2 "
             "standby_check_command=true priority=1 stonith-timeout=40s");
  add_device(lab, "prmSwitch", "external/sandbox",
             "hostlist=pm1 sandbox_cli=" + cli + " control_socket=" + lab.power->path() + " priority=2");
  add_device(lab, "prmMeat", "meatware", "hostlist=pm1 priority=3 stonith-timeout=60s");
  CHECK(lab.ok("pm2", "stonith_admin -L").find("3 fence devices found") != std::string::npos);

  {  // stonith-helper fails, the switch resets pm1
    auto fenced = lab.sh("pm2", "stonith_admin -B pm1 -t 60");
    INFO(fenced.out << fenced.err << lab.log());
    REQUIRE(fenced.code == 0);
    CHECK(fenced.out.find("fenced (reboot) by pm2") != std::string::npos);
    REQUIRE(lab.sb->wait_for_boot("pm1", boots, seconds(20)));
    CHECK(lab.sh("pm1", "pgrep -x sleep").code != 0);  // everything pm1 ran is gone
    CHECK(lab.power->requests >= 1);
    std::string l = lab.log();
    CHECK(l.find("sending fencing op RESET for pm1 to prmHelper (external/stonith-helper)") != std::string::npos);
    CHECK(l.find("failed to STONITH node pm1 with local device prmHelper (exitcode 5), gonna try the next "
                 "local device") != std::string::npos);
    CHECK(l.find("sending fencing op RESET for pm1 to prmSwitch (external/sandbox)") != std::string::npos);
    CHECK(l.find("Succeeded to STONITH the node pm1: optype=RESET. whodoit: pm2") != std::string::npos);
    CHECK(l.find("to prmMeat") == std::string::npos);
  }

  {  // the switch fails, meatware waits for the operator
    lab.power->fail_power = true;
    lab.ok("pm2", "setsid -f sh -c 'stonith_admin -B pm1 -t 90 > /run/meat.out 2>&1; echo $? > /run/meat.rc' "
                  "</dev/null >/dev/null 2>&1");
    // meatware waits on its FIFO until an operator confirms.
    REQUIRE(lab.wait_until([&] { return lab.sh("pm2", "test -p /var/run/meatware.pm1").code == 0; }, seconds(40)));
    CHECK(lab.sh("pm2", "test -e /run/meat.rc").code != 0);
    CHECK(lab.count("with local device prmSwitch (exitcode 5)") == 1);
    auto confirm = lab.sh("pm2", "echo y | meatclient -c pm1");
    INFO(confirm.out << confirm.err);
    CHECK(confirm.code == 0);
    REQUIRE(lab.wait_until([&] { return lab.sh("pm2", "test -s /run/meat.rc").code == 0; }, seconds(15)));
    CHECK(lab.ok("pm2", "cat /run/meat.rc") == "0");
    CHECK(lab.count("Succeeded to STONITH the node pm1: optype=RESET. whodoit: pm2") == 2);
    lab.power->fail_power = false;
  }

  {  // pm1 is already off: the dead check alone
    REQUIRE(lab.sb->power_off("pm1"));
    int requests = lab.power->requests;
    auto fenced = lab.sh("pm2", "stonith_admin -B pm1 -t 60");
    INFO(fenced.out << fenced.err);
    CHECK(fenced.code == 0);
    CHECK(lab.power->requests == requests);  // the switch was not needed
    CHECK(lab.count("Succeeded to STONITH the node pm1: optype=RESET. whodoit: pm2") == 3);
    CHECK(lab.count("sending fencing op RESET for pm1 to prmHelper") == 3);
    CHECK(lab.count("sending fencing op RESET for pm1 to prmSwitch") == 2);
    REQUIRE(lab.sb->power_on("pm1"));
  }

  // Every attempt is in the history (--verbose): one off and three reboots, all successful.
  std::string history = lab.ok("pm2", "stonith_admin -H pm1 --verbose");
  INFO(history);
  auto lines = [&](const std::string& text) {
    int n = 0;
    for (auto p = history.find(text); p != std::string::npos; p = history.find(text, p + 1)) ++n;
    return n;
  };
  CHECK(lines("reboot of pm1 successful: delegate=pm2") == 3);
  CHECK(lines("off of pm1 successful: delegate=pm2") == 1);
  // Without --verbose only the last successful one (Pacemaker 2.1); -q: its completion, epoch seconds.
  std::string last = lab.ok("pm2", "stonith_admin -H pm1");
  CHECK(last.find("reboot of pm1 successful: delegate=pm2") == 0);
  CHECK(last.find('\n') == std::string::npos);
  CHECK(history.rfind(last) != std::string::npos);
  std::string epoch = lab.ok("pm2", "stonith_admin -H pm1 -q");
  CHECK((epoch.size() == 10 && epoch.find_first_not_of("0123456789") == std::string::npos));

  // stop unregisters; the tool's exit codes for an unknown node and a timeout.
  lab.ok("pm2", "for r in prmHelper prmSwitch prmMeat; do pacer-lrmadmin -E $r stop 30000 0 CHANGED || exit 1; done");
  CHECK(lab.sh("pm2", "stonith_admin -B pm1 -t 2").code == 124);
  // The timed-out request is recorded as failed: shown with --verbose only.
  CHECK(lab.ok("pm2", "stonith_admin -H pm1 -V").find("reboot of pm1 failed: delegate=, client=stonith_admin") !=
        std::string::npos);
  CHECK(lab.ok("pm2", "stonith_admin -H pm1") == last);
  CHECK(lab.sh("pm2", "stonith_admin -B 'pm 1'").code == 2);
  CHECK(lab.sh("pm2", "stonith_admin").code == 64);
}

}  // namespace

namespace {

// Two nodes under heartbeatd (no Pacemaker daemons: stonithd is a `respawn` child, signed on as
// client "stonithd"). pm1 has no device for the target, pm2 has one: pm1's request is carried out
// by pm2, and both nodes' histories learn the result. Then stonithd is killed and heartbeatd
// respawns it.
TEST_CASE("another node's stonithd fences when this one has no device; stonithd is respawned") {
  SandboxOptions so;
  so.nodes = 2;
  so.client = false;
  so.shared_disk = false;
  so.internal_disks = false;
  so.stage_dir = PCR_STONITHD_STAGE;
  so.label = "stonithd-peer-test";
  auto sb = Sandbox::create(so);
  INFO(sb.error_message());
  REQUIRE(sb);
  Lab lab;
  lab.sb = std::move(*sb);
  const std::string ha_cf =
      "keepalive 200ms\nwarntime 600ms\ndeadtime 1\ninitdead 2\nlogfacility local1\nbcast eth1\n"
      "node pm1\nnode pm2\napiauth stonithd uid=root\nrespawn root /usr/libexec/pacer/stonithd\n";
  for (const char* n : {"pm1", "pm2"}) {
    REQUIRE(lab.sb->write_file(n, "/etc/ha.d/ha.cf", ha_cf));
    REQUIRE(lab.sb->write_file(n, "/etc/ha.d/authkeys", "auth 1\n1 sha1 stonithd-test\n"));
    lab.ok(n, "chmod 600 /etc/ha.d/authkeys && /usr/libexec/pacer/heartbeatd");
  }
  lab.ok("pm2", "HA_LOGFACILITY=local1 setsid -f /usr/libexec/pacer/lrmd -r </dev/null >/run/lrmd.out 2>&1");
  for (const char* n : {"pm1", "pm2"})
    REQUIRE(lab.wait_until([&] { return lab.sh(n, "stonith_admin -L").code == 0; }, seconds(20)));
  REQUIRE(lab.wait_until([&] { return lab.sh("pm2", "pacer-lrmadmin -C").code == 0; }, seconds(10)));
  add_device(lab, "prmNull", "null", "hostlist=pmx");
  CHECK(lab.ok("pm1", "stonith_admin -l pmx -q").empty());

  // Both nodes must hear each other before pm1 asks.
  REQUIRE(lab.wait_until([&] { return lab.sh("pm1", "cl_status nodestatus pm2").out == "active"; }, seconds(20)));
  auto fenced = lab.sh("pm1", "stonith_admin -B pmx -t 30");
  INFO(fenced.out << fenced.err << lab.sh("pm1", "cat /var/log/ha-log").out);
  REQUIRE(fenced.code == 0);
  CHECK(fenced.out.find("by pm2") != std::string::npos);
  std::string pm1_log = lab.sh("pm1", "cat /var/log/ha-log").out;
  CHECK(pm1_log.find("Succeeded to STONITH the node pmx: optype=RESET. whodoit: pm2") != std::string::npos);
  CHECK(lab.log().find("sending fencing op RESET for pmx to prmNull (null)") != std::string::npos);
  // The result reached pm2's history too (the Completed broadcast).
  REQUIRE(lab.wait_until([&] {
    return lab.sh("pm2", "stonith_admin -H pmx").out.find("reboot of pmx successful: delegate=pm2, client=stonith_admin") !=
           std::string::npos;
  }, seconds(5)));

  // Killed, stonithd comes back (respawn), and works again.
  std::string before = lab.ok("pm1", "pgrep -x stonithd");
  lab.ok("pm1", "pkill -KILL -x stonithd");
  REQUIRE(lab.wait_until([&] {
    auto now = lab.sh("pm1", "pgrep -x stonithd");
    return now.code == 0 && now.out != before && lab.sh("pm1", "stonith_admin -L").code == 0;
  }, seconds(20)));
  CHECK(lab.sh("pm1", "stonith_admin -B pmx -t 30").code == 0);
}

}  // namespace
