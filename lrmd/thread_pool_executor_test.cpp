// The real executor against real processes: agents that sleep past their timeout, ignore SIGTERM,
// or fork a child that keeps stdout open. Each must end within timeout + kill grace, be marked
// timed out, and leave no process behind; an agent whose daemon holds stdout must not hang us.
#include "lrmd/thread_pool_executor.h"

#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "lrmd/test_agents_dir.h"

namespace pacer::lrmd {
namespace {

using namespace std::chrono_literals;

// Alive = exists and is not a zombie (orphans may wait a while for the host's PID 1 to reap them).
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return false;
  std::string line;
  std::getline(stat, line);
  auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

std::vector<pid_t> read_pids(const std::string& path) {
  std::ifstream in(path);
  std::vector<pid_t> pids;
  pid_t p;
  while (in >> p) pids.push_back(p);
  return pids;
}

struct Harness {
  RealClock clock;
  std::unique_ptr<ipc::EventLoop> loop;
  std::unique_ptr<ThreadPoolExecutor> executor;
  testing::TestAgentsDir dir;

  Harness() {
    auto l = ipc::EventLoop::create(clock);
    REQUIRE(l);
    loop = std::move(l).value();
    auto e = ThreadPoolExecutor::create(*loop, clock, 2);
    REQUIRE(e);
    executor = std::move(e).value();
  }

  // Runs `script` (body of a /bin/sh agent) to its outcome; returns it and the wall time taken.
  std::pair<ExecOutcome, Millis> run(const std::string& script, Millis timeout, Millis grace) {
    std::string path = dir.write("agent", "#!/bin/sh\n" + script);
    std::optional<ExecOutcome> outcome;
    auto t0 = std::chrono::steady_clock::now();
    executor->execute(ExecJob{{path, "start"}, {"PATH=/usr/bin:/bin", "PIDS=" + dir.root() + "/pids"},
                              timeout, grace},
                      [&](ExecOutcome o) { outcome.emplace(std::move(o)); });
    while (!outcome && std::chrono::steady_clock::now() - t0 < 20s) REQUIRE(loop->run_once(100ms));
    REQUIRE(outcome);
    return {std::move(*outcome),
            std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - t0)};
  }
  std::vector<pid_t> pids() { return read_pids(dir.root() + "/pids"); }
};

void require_all_gone(const std::vector<pid_t>& pids) {
  // The kill is synchronous, but an orphan's exit can take a moment to show in /proc.
  for (int i = 0; i < 100; ++i) {
    bool any = false;
    for (pid_t p : pids) any = any || alive(p);
    if (!any) return;
    std::this_thread::sleep_for(10ms);
  }
  for (pid_t p : pids) CHECK_FALSE(alive(p));
}

TEST_CASE("an agent that ends in time: exit code, output, pid, timings") {
  Harness h;
  auto [o, took] = h.run("echo hello\necho oops >&2\nexit 7\n", 5000ms, 500ms);
  REQUIRE(o.exit);
  CHECK(o.exit->exited);
  CHECK(o.exit->code == 7);
  CHECK_FALSE(o.exit->timed_out);
  CHECK(o.exit->stdout_text == "hello\n");
  CHECK(o.exit->stderr_text == "oops\n");
  CHECK(o.pid > 0);
  CHECK(o.finished >= o.started);
}

TEST_CASE("sleeping past the timeout: Timed Out within timeout + grace, nothing left") {
  Harness h;
  auto [o, took] = h.run("echo $$ >> \"$PIDS\"\nsleep 30 &\necho $! >> \"$PIDS\"\nwait\n", 300ms, 700ms);
  REQUIRE(o.exit);
  CHECK(o.exit->timed_out);
  CHECK(took < 300ms + 700ms + 500ms);
  require_all_gone(h.pids());
}

TEST_CASE("ignoring SIGTERM: killed after the grace, Timed Out, nothing left") {
  Harness h;
  auto [o, took] = h.run("trap '' TERM\necho $$ >> \"$PIDS\"\nsleep 30 &\necho $! >> \"$PIDS\"\n"
                         "while :; do wait; done\n",
                         300ms, 500ms);
  REQUIRE(o.exit);
  CHECK(o.exit->timed_out);
  CHECK_FALSE(o.exit->exited);
  CHECK(o.exit->signal == SIGKILL);
  CHECK(took >= 800ms);
  CHECK(took < 300ms + 500ms + 500ms);
  require_all_gone(h.pids());
}

TEST_CASE("a child holding stdout past the timeout: Timed Out, nothing left") {
  Harness h;
  auto [o, took] = h.run("( echo $$ >/dev/null; sleep 30 ) &\necho $! >> \"$PIDS\"\n"
                         "echo $$ >> \"$PIDS\"\nsleep 30\n",
                         300ms, 500ms);
  REQUIRE(o.exit);
  CHECK(o.exit->timed_out);
  CHECK(took < 300ms + 500ms + 500ms);
  require_all_gone(h.pids());
}

TEST_CASE("an agent that exits while its daemon keeps stdout open does not hang lrmd") {
  Harness h;
  auto [o, took] = h.run("sleep 30 &\necho $! >> \"$PIDS\"\nexit 0\n", 5000ms, 500ms);
  REQUIRE(o.exit);
  CHECK(o.exit->exited);
  CHECK(o.exit->code == 0);
  CHECK_FALSE(o.exit->timed_out);
  CHECK(took < 2000ms);
  for (pid_t p : h.pids()) ::kill(p, SIGKILL);  // the "daemon" is the agent's business
}

TEST_CASE("a missing program is an exec error, not exit 127") {
  Harness h;
  std::optional<ExecOutcome> outcome;
  h.executor->execute(ExecJob{{"/nonexistent/agent", "start"}, {}, 1000ms, 100ms},
                      [&](ExecOutcome o) { outcome.emplace(std::move(o)); });
  for (int i = 0; i < 100 && !outcome; ++i) REQUIRE(h.loop->run_once(100ms));
  REQUIRE(outcome);
  REQUIRE_FALSE(outcome->exit);
  CHECK(outcome->exit.status().sys_errno() == ENOENT);
}

TEST_CASE("destroying the executor kills running jobs without calling back") {
  Harness h;
  std::string path = h.dir.write("agent", "#!/bin/sh\necho $$ >> \"$PIDS\"\nexec sleep 30\n");
  bool called = false;
  h.executor->execute(ExecJob{{path}, {"PATH=/usr/bin:/bin", "PIDS=" + h.dir.root() + "/pids"},
                              30000ms, 100ms},
                      [&](ExecOutcome) { called = true; });
  for (int i = 0; i < 200 && h.pids().empty(); ++i) std::this_thread::sleep_for(10ms);
  auto pids = h.pids();
  REQUIRE(pids.size() == 1);
  auto t0 = std::chrono::steady_clock::now();
  h.executor.reset();
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
  CHECK_FALSE(called);
  require_all_gone(pids);
}

}  // namespace
}  // namespace pacer::lrmd
