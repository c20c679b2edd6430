// lrmd against real agents in sandbox nodes: Dummy, an LSB script, IPaddr2 (the client reaches the
// VIP only while it is started), Filesystem on the shared disk, pgsql with Debian's PostgreSQL 15,
// and pacer's own timeout agents. Each: start, monitor, a monitor that reports 7 after the service
// was killed behind the agent's back, stop; the agents' log lines end up in the node's ha-log.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "tests/lrmd/lrmd_sandbox.h"

namespace pacer::lrmd::testing {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<LrmdSandbox> make(int nodes, bool client) {
  auto lab = LrmdSandbox::create(nodes, client);
  if (!lab) FAIL(lab.error_message());
  auto self = std::move(lab).value();
  Status started = self->start_lrmd("pm1");
  if (!started) FAIL(started.message());
  return self;
}

// pacer-lrmadmin -E: the exit code is the agent's rc, or 100 + op status.
int exec_op(LrmdSandbox& lab, const std::string& rsc, const std::string& op,
            const std::string& timeout_ms = "20000") {
  auto a = lab.admin("pm1", {"-E", rsc, op, timeout_ms, "0", "CHANGED"});
  INFO(rsc << " " << op << ": " << a.out() << a.status.stderr_text);
  return a.code();
}

// Alive = /proc/PID exists in the node and is not a zombie.
bool alive_in_node(LrmdSandbox& lab, const std::string& pid) {
  auto r = lab.sh("pm1", fmt::format("test -e /proc/{0} && ! grep -q ') Z' /proc/{0}/stat && echo yes || echo no", pid));
  return r && *r == "yes";
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

TEST_CASE("Dummy and an LSB script: start, monitor, killed behind the back -> 7, stop",
          "[integration]") {
  auto lab = make(1, false);
  REQUIRE(lab->admin("pm1", {"-A", "prmDummy", "ocf", "Dummy", "heartbeat"}).code() == 0);
  CHECK(exec_op(*lab, "prmDummy", "monitor") == 7);  // probe
  CHECK(exec_op(*lab, "prmDummy", "start") == 0);
  CHECK(exec_op(*lab, "prmDummy", "monitor") == 0);

  // A recurring monitor reports its first result and then only the change.
  auto watcher = lab->sb().spawn("pm1", {"/usr/sbin/pacer-lrmadmin", "-E", "prmDummy", "monitor",
                                         "20000", "500", "CHANGED", "--watch", "4"});
  REQUIRE(watcher);
  std::this_thread::sleep_for(1500ms);
  REQUIRE(lab->sh("pm1", "rm /run/resource-agents/Dummy-prmDummy.state"));
  auto watched = watcher->wait(15000ms);
  REQUIRE(watched);
  INFO(watched->stdout_text);
  auto first = watched->stdout_text.find("monitor on prmDummy (call");
  REQUIRE(first != std::string::npos);
  CHECK(watched->stdout_text.find("rc=0", first) != std::string::npos);
  auto second = watched->stdout_text.find("monitor on prmDummy (call", first + 1);
  REQUIRE(second != std::string::npos);
  CHECK(watched->stdout_text.find("rc=7", second) != std::string::npos);
  CHECK(watched->stdout_text.find("monitor on prmDummy (call", second + 1) == std::string::npos);
  CHECK(exec_op(*lab, "prmDummy", "monitor") == 7);
  CHECK(exec_op(*lab, "prmDummy", "start") == 0);
  CHECK(exec_op(*lab, "prmDummy", "stop") == 0);
  CHECK(exec_op(*lab, "prmDummy", "monitor") == 7);

  REQUIRE(lab->admin("pm1", {"-A", "prmLsb", "lsb", "pacer-lsbtest", "NULL"}).code() == 0);
  CHECK(exec_op(*lab, "prmLsb", "monitor") == 7);
  CHECK(exec_op(*lab, "prmLsb", "start") == 0);
  CHECK(exec_op(*lab, "prmLsb", "monitor") == 0);
  REQUIRE(lab->sh("pm1", "kill -9 $(cat /run/pacer-lsbtest.pid)"));
  CHECK(exec_op(*lab, "prmLsb", "monitor") == 7);  // status 1: dead, pid file left
  CHECK(exec_op(*lab, "prmLsb", "stop") == 0);
  CHECK(exec_op(*lab, "prmLsb", "promote") == 3);
  auto meta = lab->admin("pm1", {"-M", "lsb", "pacer-lsbtest", "NULL"});
  CHECK(meta.out().find("pacer's LSB test service") != std::string::npos);

  REQUIRE(lab->admin("pm1", {"-A", "prmGhost", "ocf", "NoSuchAgent", "heartbeat"}).code() == 0);
  CHECK(exec_op(*lab, "prmGhost", "start") == 5);

  // STONITH resources go to stonithd (through its stonith-device helper): with no stonithd running
  // here, start fails with rc 1 and says why, never a silent success; meta-data comes from
  // cluster-glue's stonith command.
  REQUIRE(lab->admin("pm1", {"-A", "prmStonith", "stonith", "external/ssh", "NULL", "hostlist=pm2"})
              .code() == 0);
  auto st = lab->admin("pm1", {"-E", "prmStonith", "start", "20000", "0", "CHANGED"});
  CHECK(st.code() == 1);
  CHECK(st.out().find("stonithd is not running") != std::string::npos);
  CHECK(lab->admin("pm1", {"-M", "stonith", "external/ssh", "NULL"}).out().find("<resource-agent") !=
        std::string::npos);

  // Who may talk to lrmd: root and the haclient group (crmd runs as hacluster), nobody else.
  CHECK(lab->sb().sh("pm1", "setpriv --reuid=hacluster --regid=haclient --init-groups "
                            "/usr/sbin/pacer-lrmadmin -C")->succeeded());
  CHECK_FALSE(lab->sb().sh("pm1", "setpriv --reuid=nobody --regid=nogroup --clear-groups "
                                  "/usr/sbin/pacer-lrmadmin -C")->succeeded());

  CHECK(lab->ha_log_has("pm1", "lrmd: ["));
  CHECK(lab->ha_log_has("pm1", "info: rsc:prmDummy:1: probe"));
  CHECK(lab->ha_log_has("pm1", "info: rsc:prmDummy:2: start"));
  CHECK(lab->ha_log_has("pm1", "pacer-lsbtest["));  // the script's logger line, HA_LOGTAG[pid]
}

TEST_CASE("IPaddr2: the client reaches the VIP only while it is started", "[integration]") {
  auto lab = make(1, true);
  const std::string ping = "ping -c1 -W1 198.19.0.100 >/dev/null 2>&1 && echo up || echo down";
  REQUIRE(lab->admin("pm1", {"-A", "prmIp", "ocf", "IPaddr2", "heartbeat", "ip=198.19.0.100",
                             "cidr_netmask=24", "nic=eth0"})
              .code() == 0);
  CHECK(exec_op(*lab, "prmIp", "monitor") == 7);
  CHECK(*lab->sh("client", ping) == "down");
  CHECK(exec_op(*lab, "prmIp", "start") == 0);
  CHECK(*lab->sh("client", ping) == "up");
  CHECK(exec_op(*lab, "prmIp", "monitor") == 0);
  REQUIRE(lab->sh("pm1", "ip addr del 198.19.0.100/24 dev eth0"));
  CHECK(exec_op(*lab, "prmIp", "monitor") == 7);
  CHECK(*lab->sh("client", ping) == "down");
  CHECK(exec_op(*lab, "prmIp", "start") == 0);
  CHECK(*lab->sh("client", ping) == "up");
  CHECK(exec_op(*lab, "prmIp", "stop") == 0);
  CHECK(*lab->sh("client", ping) == "down");
  CHECK(lab->ha_log_has("pm1", "IPaddr2["));  // the agent's own INFO lines, tagged type[pid]
}

TEST_CASE("Filesystem on the shared disk and pgsql with PostgreSQL 15", "[integration]") {
  auto lab = make(1, true);
  REQUIRE(lab->admin("pm1", {"-A", "prmFs", "ocf", "Filesystem", "heartbeat", "device=/dev/shared",
                             "directory=/run/pgmnt", "fstype=ext4"})
              .code() == 0);
  CHECK(exec_op(*lab, "prmFs", "monitor") == 7);
  REQUIRE(exec_op(*lab, "prmFs", "start") == 0);
  CHECK(exec_op(*lab, "prmFs", "monitor") == 0);
  auto initdb = lab->sh("pm1",
      "mkdir -p /run/pgmnt/data && chown postgres:postgres /run/pgmnt/data && "
      "su postgres -s /bin/sh -c '/usr/lib/postgresql/15/bin/initdb --no-instructions "
      "-D /run/pgmnt/data -A trust -U postgres' >/dev/null && "
      "echo 'host all all 198.19.0.0/24 trust' >> /run/pgmnt/data/pg_hba.conf");
  INFO(initdb.error_message());
  REQUIRE(initdb);
  REQUIRE(lab->admin("pm1", {"-A", "prmPg", "ocf", "pgsql", "heartbeat",
                             "pgctl=/usr/lib/postgresql/15/bin/pg_ctl", "psql=/usr/bin/psql",
                             "pgdata=/run/pgmnt/data", "pgdba=postgres",
                             "socketdir=/var/run/postgresql",
                             "start_opt=-p 5432 -c listen_addresses=*",
                             "logfile=/var/log/postgresql.log"})
              .code() == 0);
  CHECK(exec_op(*lab, "prmPg", "monitor", "60000") == 7);
  REQUIRE(exec_op(*lab, "prmPg", "start", "60000") == 0);
  CHECK(exec_op(*lab, "prmPg", "monitor", "60000") == 0);
  CHECK(*lab->sh("client", "psql -h 198.19.0.1 -U postgres -Atc 'select 41+1'") == "42");
  REQUIRE(lab->sh("pm1", "kill -9 $(head -1 /run/pgmnt/data/postmaster.pid)"));
  std::this_thread::sleep_for(300ms);
  CHECK(exec_op(*lab, "prmPg", "monitor", "60000") == 7);
  CHECK(exec_op(*lab, "prmPg", "stop", "60000") == 0);
  CHECK(lab->ha_log_has("pm1", "pgsql["));

  REQUIRE(lab->sh("pm1", "umount /run/pgmnt"));
  CHECK(exec_op(*lab, "prmFs", "monitor") == 7);
  CHECK(exec_op(*lab, "prmFs", "start") == 0);
  CHECK(exec_op(*lab, "prmFs", "stop") == 0);
  CHECK(exec_op(*lab, "prmFs", "monitor") == 7);
  CHECK(lab->ha_log_has("pm1", "Filesystem["));
}

TEST_CASE("timeouts end within timeout + kill grace, as Timed Out, leaving no process",
          "[integration]") {
  auto lab = make(1, false);
  for (const char* agent : {"SleepPastTimeout", "IgnoreTerm", "HoldStdout"}) {
    DYNAMIC_SECTION(agent) {
      std::string rsc = std::string("t") + agent;
      REQUIRE(lab->admin("pm1", {"-A", rsc, "ocf", agent, "pacertest"}).code() == 0);
      auto a = lab->admin("pm1", {"-E", rsc, "start", "2000", "0", "CHANGED"});
      INFO(a.out() << a.status.stderr_text);
      CHECK(a.code() == 102);  // 100 + op status 2
      CHECK(a.out().find("rc=-2") != std::string::npos);
      CHECK(a.out().find("op status=Timed Out") != std::string::npos);
      CHECK(a.took < 2000ms + 2000ms + 1500ms);  // timeout + kill grace + tool/nsenter slack
      if (std::string(agent) == "SleepPastTimeout") CHECK(a.took < 2000ms + 1500ms);
      auto pids = lab->sh("pm1", "cat /run/pacer-testagent.pids");
      REQUIRE(pids);
      auto list = words(*pids);
      CHECK(list.size() == 2);
      for (const auto& pid : list) CHECK_FALSE(alive_in_node(*lab, pid));
      REQUIRE(lab->sh("pm1", "rm -f /run/pacer-testagent.pids"));
      auto state = lab->admin("pm1", {"-S", rsc});
      CHECK(state.out().find("Timed Out") != std::string::npos);
      CHECK(lab->ha_log_has("pm1", "timed out (try 1).  Killing with signal SIGTERM (15)."));
    }
  }
  SECTION("an agent whose forked child keeps stdout open does not hang lrmd") {
    REQUIRE(lab->admin("pm1", {"-A", "tHold", "ocf", "HoldStdout", "pacertest"}).code() == 0);
    auto a = lab->admin("pm1", {"-E", "tHold", "monitor", "20000", "0", "CHANGED"});
    CHECK(a.code() == 0);
    CHECK(a.took < 2000ms);
    auto daemon = lab->sh("pm1", "cat /run/pacer-testagent.pids.daemon");
    REQUIRE(daemon);
    for (const auto& pid : words(*daemon)) (void)lab->sh("pm1", "kill " + pid);
  }
}

TEST_CASE("1,000 Dummy resources with 10 s monitors: lateness p99 <= 100 ms", "[.][scale]") {
  auto lab = make(1, false);
  const char* duration = std::getenv("LRMD_SCALE_DURATION_S");
  // max-children 16 rather than Heartbeat's default 4: the agents are CPU-bound shells, and on a
  // 2-CPU machine that other work keeps at load 10-20, more agents in flight is what keeps the
  // monitors' share of the CPU (measured: load 20, max-children 8 -> p99 125 ms; 16 -> 44 ms;
  // a quiet machine passes with 4). LRMD_SCALE_MAX_CHILDREN overrides it.
  const char* children = std::getenv("LRMD_SCALE_MAX_CHILDREN");
  std::string cmd = fmt::format(
      "/usr/lib/pacer-tests/lrmd_monitor_lateness --lrmd-pid $(pidof lrmd) --resources 1000 "
      "--interval-ms 10000 --duration-s {} --max-children {} --max-p99-ms 100",
      duration ? duration : "120", children ? children : "16");
  auto r = lab->sb().sh("pm1", cmd, sandbox::ExecOptions{.timeout = std::chrono::seconds(400)});
  REQUIRE(r);
  std::printf("%s%s", r->stdout_text.c_str(), r->stderr_text.c_str());
  INFO(r->stdout_text << r->stderr_text);
  CHECK(r->succeeded());
}

}  // namespace
}  // namespace pacer::lrmd::testing
