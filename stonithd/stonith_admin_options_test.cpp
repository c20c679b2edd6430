// stonith_admin's flags as Pacemaker 2.1 spells them.
#include "stonithd/stonith_admin_options.h"

#include <catch2/catch.hpp>

namespace pacer::stonithd {
namespace {

TEST_CASE("stonith_admin commands") {
  auto o = parse_admin_options({"-B", "pm1", "-t", "30"});
  REQUIRE(o);
  CHECK(o->command == AdminCommand::fence);
  CHECK(o->action == FenceAction::reset);
  CHECK(o->target == "pm1");
  CHECK(o->timeout == Millis(30000));
  CHECK(parse_admin_options({"--fence=pm2"})->action == FenceAction::off);
  CHECK(parse_admin_options({"-U", "pm2"})->action == FenceAction::on);
  CHECK(parse_admin_options({"-L"})->command == AdminCommand::list_registered);
  CHECK(parse_admin_options({"-lpm1"})->target == "pm1");
  CHECK(parse_admin_options({"-H", "*"})->target.empty());
  auto m = parse_admin_options({"-M", "-a", "fence_dummy"});
  REQUIRE(m);
  CHECK(m->agent == "fence_dummy");
  CHECK_FALSE(parse_admin_options({"-M"}));
  CHECK_FALSE(parse_admin_options({}));
  CHECK_FALSE(parse_admin_options({"-B"}));
  CHECK_FALSE(parse_admin_options({"-B", "pm1", "-L"}));
  CHECK_FALSE(parse_admin_options({"-t", "0", "-L"}));
  CHECK_FALSE(parse_admin_options({"--bogus"}));
  CHECK(parse_admin_options({"-h"})->help);
}

}  // namespace
}  // namespace pacer::stonithd
