// The daemons' command lines as the agents build them.
#include <catch2/catch.hpp>

#include "agents/diskd_options.h"
#include "agents/pingd_options.h"
#include "agents/short_options.h"

namespace pacer::agents {
namespace {

TEST_CASE("pingd options", "[pingd]") {
  auto o = parse_pingd_args({"-D", "-p", "/run/pingd-prmPingd:0", "-a", "default_ping_set", "-d", "0",
                             "-m", "100", "-h", "198.19.0.200", "-h198.19.0.201", "-i", "1", "-A", "1", "-t", "1"});
  REQUIRE(o);
  CHECK(o->daemonize);
  CHECK(o->name == "default_ping_set");
  CHECK(o->dampen == Millis(0));
  CHECK(o->multiplier == 100);
  CHECK(o->hosts == std::vector<std::string>{"198.19.0.200", "198.19.0.201"});
  CHECK(o->attempts == 1);
  auto d = parse_pingd_args({"-h", "198.19.0.200"});
  REQUIRE(d);
  CHECK(d->name == "pingd");
  CHECK(d->dampen == Millis(5000));
  CHECK(d->multiplier == 1);
  CHECK(d->interval == Millis(1000));
  CHECK(d->timeout == Millis(2000));
  CHECK(d->attempts == 2);
  CHECK_FALSE(parse_pingd_args({}));
  CHECK_FALSE(parse_pingd_args({"-h", "router.example"}));
  CHECK_FALSE(parse_pingd_args({"-h", "198.19.0.200", "-m", "x"}));
  CHECK_FALSE(parse_pingd_args({"-h", "198.19.0.200", "-A", "0"}));
  CHECK_FALSE(parse_pingd_args({"-h", "198.19.0.200", "-a", "bad name"}));
  CHECK_FALSE(parse_pingd_args({"-h", "198.19.0.200", "-Z"}));
  CHECK_FALSE(parse_pingd_args({"-h"}));
}

TEST_CASE("diskd options", "[diskd]") {
  auto o = parse_diskd_args({"-D", "-p", "/run/diskd", "-a", "diskcheck_status", "-i", "10", "-N",
                             "/dev/internal", "-r", "2", "-I", "1", "-t", "5"});
  REQUIRE(o);
  CHECK(o->device == "/dev/internal");
  CHECK(o->target() == "/dev/internal");
  CHECK(o->interval == Millis(10000));
  CHECK(o->policy.retries == 2);
  CHECK(o->policy.retry_interval == Millis(1000));
  CHECK(o->timeout == Millis(5000));
  auto w = parse_diskd_args({"-w", "-a", "x"});
  REQUIRE(w);
  CHECK(w->target() == "/tmp");
  CHECK(w->policy.retries == 1);
  CHECK(w->interval == Millis(30000));
  CHECK_FALSE(parse_diskd_args({"-a", "x"}));                       // neither
  CHECK_FALSE(parse_diskd_args({"-N", "/dev/sda", "-w"}));          // both
  CHECK_FALSE(parse_diskd_args({"-N", "/dev/sda", "-i", "0"}));
  CHECK_FALSE(parse_diskd_args({"-N", "/dev/sda", "-i", "3601"}));
  CHECK_FALSE(parse_diskd_args({"-N", "/dev/sda", "-r", "11"}));
  CHECK_FALSE(parse_diskd_args({"-N", "relative"}));
}

TEST_CASE("short options and bounded integers", "[agents]") {
  auto p = parse_short_options({"-ab", "-cvalue", "-c", "v2"}, "abc:");
  REQUIRE(p);
  REQUIRE(p->size() == 4);
  CHECK((*p)[2].value == "value");
  CHECK((*p)[3].value == "v2");
  CHECK_FALSE(parse_short_options({"--long"}, "a"));
  CHECK_FALSE(parse_short_options({"-:"}, "a:"));
  CHECK(*parse_bounded_int("-5", -10, 10, "n") == -5);
  CHECK_FALSE(parse_bounded_int("", 0, 1, "n"));
  CHECK_FALSE(parse_bounded_int("-", 0, 1, "n"));
  CHECK_FALSE(parse_bounded_int("99999999999999999999", 0, 1, "n"));
}

}  // namespace
}  // namespace pacer::agents
