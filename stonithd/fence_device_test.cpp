// Device parameters and the exact plugin commands.
#include "stonithd/fence_device.h"

#include <catch2/catch.hpp>

namespace pacer::stonithd {
namespace {

TEST_CASE("priority and stonith-timeout are read; bad ones refused") {
  auto d = make_device("st", "external/ssh", {{"priority", "2"}, {"stonith-timeout", "300s"}});
  REQUIRE(d);
  CHECK(d->priority == 2);
  CHECK(d->timeout == Millis(300000));
  auto plain = make_device("st", "meatware", {});
  REQUIRE(plain);
  CHECK(plain->priority == 0);
  CHECK(plain->timeout == Millis(60000));
  CHECK_FALSE(make_device("st", "meatware", {{"priority", "x"}}));
  CHECK_FALSE(make_device("st", "meatware", {{"stonith-timeout", "-1"}}));
  CHECK_FALSE(make_device("st", "../../bin/sh", {}));
  CHECK_FALSE(make_device("st", "/bin/sh", {}));
  CHECK_FALSE(make_device("st", "fence_x/../y", {}));
  CHECK_FALSE(make_device("", "meatware", {}));
}

TEST_CASE("cluster-glue plugins run through stonith -E with parameters in the environment") {
  auto d = make_device("st", "external/xen0", {{"hostlist", "pm1:/etc/xen/pm1"}, {"dom0", "198.18.0.9"},
                                               {"priority", "2"}, {"pcmk_delay", "1"}, {"bad-name", "x"}});
  REQUIRE(d);
  PluginPaths paths;
  auto c = fence_command(paths, *d, FenceAction::off, "pm1");
  CHECK(c.argv == std::vector<std::string>{"/usr/sbin/stonith", "-t", "external/xen0", "-E", "-T", "off", "pm1"});
  CHECK(*c.env == std::vector<std::string>{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "dom0=198.18.0.9",
                                           "hostlist=pm1:/etc/xen/pm1"});
  CHECK_FALSE(c.stdin_data);
  CHECK(status_command(paths, *d).argv.back() == "-S");
  CHECK(gethosts_command(paths, *d).argv.back() == "-l");
  CHECK_FALSE(static_hosts(*d));
}

TEST_CASE("fence agents get key=value lines on stdin and no arguments") {
  auto d = make_device("fd", "fence_dummy", {{"type", "file"}, {"status_file", "/run/fd"}, {"pcmk_host_list", "pm1"},
                                             {"stonith-timeout", "20s"}});
  REQUIRE(d);
  PluginPaths paths;
  auto c = fence_command(paths, *d, FenceAction::reset, "pm1");
  CHECK(c.argv == std::vector<std::string>{"/usr/sbin/fence_dummy"});
  CHECK(*c.stdin_data == "action=reboot\nport=pm1\nnodename=pm1\nstatus_file=/run/fd\ntype=file\n");
  CHECK(*fence_command(paths, *d, FenceAction::off, "pm1").stdin_data == "action=off\nport=pm1\nnodename=pm1\n"
                                                                       "status_file=/run/fd\ntype=file\n");
  CHECK(*static_hosts(*d) == std::vector<std::string>{"pm1"});
}

TEST_CASE("host lists: whitespace or commas; fence agents' list takes the first field") {
  CHECK(parse_hosts("pm1 pm2\npm3,pm4\n") == std::vector<std::string>{"pm1", "pm2", "pm3", "pm4"});
  CHECK(parse_hosts("pm1\nPM1\n") == std::vector<std::string>{"pm1"});
  CHECK(parse_hosts("pm1,alias1\npm2,\n", true) == std::vector<std::string>{"pm1", "pm2"});
  CHECK(parse_hosts("  \n").empty());
  CHECK(same_host("PM1", "pm1"));
  CHECK_FALSE(same_host("pm1", "pm10"));
  CHECK_FALSE(same_host("@", "`"));
  CHECK(op_name(FenceAction::reset) == "RESET");
  CHECK(op_name(FenceAction::off) == "POWEROFF");
  CHECK(op_name(FenceAction::on) == "POWERON");
}

}  // namespace
}  // namespace pacer::stonithd
