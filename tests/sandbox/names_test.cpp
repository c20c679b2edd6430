// Unit tests of sandbox naming: the sweeper must recognise only its own, stale names.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "tests/sandbox/names.h"

using namespace pacer::sandbox;

TEST_CASE("run prefix encodes the owner") {
  std::string p = run_prefix(1234, 0xab12);
  CHECK(p == "pcrsbx-1234-ab12-");
  CHECK(owner_of(p + "sw") == 1234);
  CHECK(owner_of("/tmp/" + p + "run") == 1234);
  CHECK(!owner_of("pcrsbx-abc-"));
  CHECK(!owner_of("other-1234-ab12-sw"));
  CHECK(!owner_of("pcrsbx-1234"));
}

TEST_CASE("only names of dead owners are stale") {
  CHECK(!owner_is_gone(run_prefix(getpid(), 1) + "sw"));
  CHECK(!owner_is_gone("not-ours"));
  CHECK(owner_is_gone(run_prefix(4194304 + 7, 1) + "sw"));  // above pid_max: never alive
  CHECK(node_name(3) == "pm3");
}
