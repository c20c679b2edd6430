// ifcheckd's command line.
#include "ifcheckd/ifcheckd_options.h"

#include <catch2/catch.hpp>

namespace pacer::ifcheckd {
namespace {

TEST_CASE("ifcheckd options", "[ifcheckd]") {
  auto d = parse_ifcheckd_args({});
  REQUIRE(d);
  CHECK(d->dampen == Millis(0));
  CHECK(d->pidfile == "/var/run/ifcheckd.pid");
  CHECK(d->wait_for_dc);
  auto o = parse_ifcheckd_args({"-D", "-VV", "-d", "5s", "-p/run/x.pid", "--no-dc-wait"});
  REQUIRE(o);
  CHECK(o->daemonize);
  CHECK(o->verbose == 2);
  CHECK(o->dampen == Millis(5000));
  CHECK(o->pidfile == "/run/x.pid");
  CHECK_FALSE(o->wait_for_dc);
  CHECK(parse_ifcheckd_args({"-$"})->version);
  CHECK(parse_ifcheckd_args({"-?"})->help);
  CHECK_FALSE(parse_ifcheckd_args({"-d"}));
  CHECK_FALSE(parse_ifcheckd_args({"-d", "x"}));
  CHECK_FALSE(parse_ifcheckd_args({"-x"}));
  CHECK_FALSE(parse_ifcheckd_args({"stray"}));
}

}  // namespace
}  // namespace pacer::ifcheckd
