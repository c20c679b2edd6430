// Real processes through ThreadPluginExecutor: the pid comes at once, the exit through the loop,
// a timeout kills the plugin.
#include "stonithd/thread_plugin_executor.h"

#include <signal.h>

#include <catch2/catch.hpp>

namespace pacer::stonithd {
namespace {

TEST_CASE("plugins run on threads; results come back on the loop") {
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  REQUIRE(loop);
  auto executor = ThreadPluginExecutor::create(**loop);
  REQUIRE(executor);
  std::optional<Result<ExitStatus>> quick, slow;
  SpawnOptions echo;
  echo.argv = {"/bin/sh", "-c", "read x; echo got $x; exit 5"};
  echo.stdin_data = "line\n";
  auto pid = (*executor)->start(echo, Millis(5000), [&](Result<ExitStatus> e) { quick = std::move(e); });
  REQUIRE(pid);
  CHECK(*pid > 0);
  SpawnOptions sleeper;
  sleeper.argv = {"/bin/sleep", "30"};
  auto slow_pid = (*executor)->start(sleeper, Millis(300), [&](Result<ExitStatus> e) { slow = std::move(e); });
  REQUIRE(slow_pid);
  auto until = clock.monotonic() + Millis(10000);
  while ((!quick || !slow) && clock.monotonic() < until) REQUIRE((*loop)->run_once(Millis(50)));
  REQUIRE(quick);
  REQUIRE(*quick);
  CHECK((*quick)->code == 5);
  CHECK((*quick)->stdout_text == "got line\n");
  REQUIRE(slow);
  REQUIRE(*slow);
  CHECK((*slow)->timed_out);
  CHECK(::kill(*slow_pid, 0) != 0);

  SpawnOptions missing;
  missing.argv = {"/nonexistent/plugin"};
  CHECK_FALSE((*executor)->start(missing, Millis(1000), [](Result<ExitStatus>) {}));
}

TEST_CASE("destroying the executor kills what still runs") {
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  REQUIRE(loop);
  auto executor = ThreadPluginExecutor::create(**loop);
  REQUIRE(executor);
  SpawnOptions sleeper;
  sleeper.argv = {"/bin/sleep", "30"};
  bool called = false;
  auto pid = (*executor)->start(sleeper, Millis(60000), [&](Result<ExitStatus>) { called = true; });
  REQUIRE(pid);
  auto started = clock.monotonic();
  executor->reset();
  CHECK(clock.monotonic() - started < Millis(5000));
  CHECK_FALSE(called);
  CHECK(::kill(*pid, 0) != 0);
}

}  // namespace
}  // namespace pacer::stonithd
