#include "common/node_reset.h"

#include <catch2/catch.hpp>

using namespace pacer;

// These tests never call reset_node(): on a developer's machine or CI they run in the host's PID
// namespace, where the guard's whole purpose is that nothing reaches reboot(2).

TEST_CASE("the guard refuses a reboot from the host's PID namespace in a non-host build") {
  Status s = check_reboot_allowed(/*in_initial_namespace=*/true, /*host_reboot_allowed=*/false);
  CHECK_FALSE(s);
  CHECK(s.message().find("initial PID namespace") != std::string::npos);
}

TEST_CASE("the guard allows a reboot inside a node's own PID namespace") {
  CHECK(check_reboot_allowed(false, false));
  CHECK(check_reboot_allowed(true, true));
}

TEST_CASE("the test process sees which PID namespace it is in") {
  auto initial = in_initial_pid_namespace();
  REQUIRE(initial);
  // ctest runs on the host, so this is the initial namespace; unit tests must not run in a node.
  CHECK(*initial);
}
