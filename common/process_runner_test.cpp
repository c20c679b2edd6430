#include "common/process_runner.h"

#include <catch2/catch.hpp>

#include "tests/support/fake_process_runner.h"

using namespace pacer;
using namespace std::chrono_literals;

TEST_CASE("the real runner runs the command with its timeout") {
  RealProcessRunner runner;
  auto status = runner.run({.argv = {"sh", "-c", "exit 3"}}, 5s);
  REQUIRE(status);
  CHECK(status->code == 3);
}

TEST_CASE("the fake runner records commands and answers from its queue") {
  FakeProcessRunner runner;
  runner.queue(ExitStatus{.exited = true, .code = 7, .stdout_text = "stopped"});
  auto first = runner.run({.argv = {"/usr/lib/ocf/resource.d/heartbeat/Dummy", "monitor"}}, 20s);
  auto second = runner.run({.argv = {"ip", "link"}}, std::nullopt);
  REQUIRE(first);
  CHECK(first->code == 7);
  CHECK(second->code == 0);
  CHECK(runner.commands() ==
        std::vector<std::string>{"/usr/lib/ocf/resource.d/heartbeat/Dummy monitor", "ip link"});
  CHECK(runner.timeouts()[0] == 20s);
}
