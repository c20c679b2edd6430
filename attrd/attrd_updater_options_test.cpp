// attrd_updater's flags, as unmodified agents pass them.
#include "attrd/attrd_updater_options.h"

#include <catch2/catch.hpp>

namespace pacer::attrd {
namespace {

Result<UpdaterCommand> parse(std::vector<std::string> args) { return parse_updater_args(args); }

TEST_CASE("ocf:pacemaker:ping's calls", "[attrd][updater]") {
  auto start = parse({"-n", "pingd", "-B", "100", "-d", "5s"});
  REQUIRE(start);
  CHECK(start->update.name == "pingd");
  CHECK(start->update.value == "100");
  CHECK(start->update.dampen == Millis(5000));
  auto monitor = parse({"-n", "pingd", "-v", "0", "-d", "5s"});
  REQUIRE(monitor);
  CHECK(monitor->update.value == "0");
  auto stop = parse({"-D", "-n", "pingd", "-d", "5s"});
  REQUIRE(stop);
  CHECK(stop->update.remove);
  CHECK_FALSE(stop->update.value);
}

TEST_CASE("other flags", "[attrd][updater]") {
  auto relay = parse({"-N", "pm2", "-n", "fail-count-x", "-v", "value++"});
  REQUIRE(relay);
  CHECK(relay->update.node == "pm2");
  CHECK(relay->update.value == "value++");
  auto forever = parse({"-n", "standby", "-U", "on", "-l", "forever"});
  REQUIRE(forever);
  CHECK(forever->update.lifetime == Lifetime::forever);
  auto q = parse({"-Q", "-n", "test", "-q"});
  REQUIRE(q);
  CHECK(q->kind == UpdaterCommand::Kind::query);
  CHECK(q->quiet);
  auto glued = parse({"-ntest", "-U3", "--delay=2s"});
  REQUIRE(glued);
  CHECK(glued->update.value == "3");
  CHECK(glued->update.dampen == Millis(2000));
  auto dampen_only = parse({"-n", "x", "-d", "10"});
  REQUIRE(dampen_only);
  CHECK(dampen_only->update.dampen == Millis(10000));
  CHECK(parse({"-h"})->kind == UpdaterCommand::Kind::help);
  CHECK(parse({"-R"})->kind == UpdaterCommand::Kind::refresh);
}

TEST_CASE("usage errors", "[attrd][updater]") {
  CHECK_FALSE(parse({"-U", "1"}));                  // no name
  CHECK_FALSE(parse({"-n", "x"}));                  // nothing to do
  CHECK_FALSE(parse({"-n", "x", "-U", "1", "-D"})); // two actions
  CHECK_FALSE(parse({"-n", "x", "-U"}));            // missing value
  CHECK_FALSE(parse({"-n", "x", "-U", "1", "-d", "soon"}));
  CHECK_FALSE(parse({"-n", "x", "-U", "1", "-l", "never"}));
  CHECK_FALSE(parse({"-n", "x", "-Z"}));
  CHECK_FALSE(parse({"-n", "a b", "-U", "1"}));
  CHECK_FALSE(parse({"-n", "x", "-U", "1", "stray"}));
}

}  // namespace
}  // namespace pacer::attrd
