// lrmd's command line and the logging settings heartbeatd hands down in the environment.
#include "lrmd/daemon_options.h"

#include <map>

#include <catch2/catch.hpp>

namespace pacer::lrmd {
namespace {

GetEnv env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional(it->second);
  };
}

TEST_CASE("lrmd -r as heartbeat starts it; options; LRMD_MAX_CHILDREN") {
  auto o = parse_daemon_args({"-r"}, env_of({}));
  REQUIRE(o);
  CHECK(o->max_children == 4);
  CHECK(o->service == "pacer-lrmd");
  o = parse_daemon_args({"--max-children", "16", "--service", "x", "--no-logtag-pid"},
                        env_of({{"LRMD_MAX_CHILDREN", "8"}}));
  REQUIRE(o);
  CHECK(o->max_children == 16);
  CHECK(o->service == "x");
  CHECK_FALSE(o->logtag_pid);
  CHECK(parse_daemon_args({}, env_of({{"LRMD_MAX_CHILDREN", "8"}}))->max_children == 8);
  CHECK_FALSE(parse_daemon_args({"--max-children", "0"}, env_of({})));
  CHECK_FALSE(parse_daemon_args({"--bogus"}, env_of({})));
  CHECK_FALSE(parse_daemon_args({"--service"}, env_of({})));
}

TEST_CASE("logging settings from heartbeatd's environment") {
  CHECK_FALSE(log_settings_from_env(env_of({})));
  auto s = log_settings_from_env(env_of({{"HA_logfacility", "local1"}, {"HA_debugfile", "/var/log/ha-debug"}, {"HA_debug", "1"}}));
  REQUIRE(s);
  CHECK(s->facility == "local1");
  CHECK(s->debuglog == "/var/log/ha-debug");
  CHECK(s->debug == 1);
  CHECK(log_settings_from_env(env_of({{"HA_LOGFACILITY", "none"}, {"HA_logfile", "/var/log/ha-log"}}))->facility.empty());
}

}  // namespace
}  // namespace pacer::lrmd
