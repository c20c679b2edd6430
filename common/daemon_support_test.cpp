#include "common/daemon_support.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace pacer;

namespace {

std::optional<ServiceDaemonArgs> parse(std::vector<std::string> words) {
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  return parse_service_daemon_args(static_cast<int>(words.size()), argv.data(), "pacer-default");
}

}  // namespace

TEST_CASE("a service daemon's command line: --service, -n and repeated -V") {
  auto none = parse({"attrd"});
  REQUIRE(none);
  CHECK(none->service == "pacer-default");
  CHECK(none->verbose == 0);
  auto all = parse({"crmd", "-VV", "--service", "pacer-crmd-test", "-V"});
  REQUIRE(all);
  CHECK(all->service == "pacer-crmd-test");
  CHECK(all->verbose == 3);
  auto short_form = parse({"crmd", "-n", "x"});
  REQUIRE(short_form);
  CHECK(short_form->service == "x");
  CHECK_FALSE(parse({"attrd", "--bogus"}));
  CHECK_FALSE(parse({"attrd", "-n"}));
}

TEST_CASE("daemon log settings come from the HA_* environment heartbeatd passes") {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "HA_logfacility") return "local1";
    if (name == "HA_logfile") return "/var/log/ha-log";
    return std::nullopt;
  };
  LogSettings s = daemon_log_settings("attrd", 0, env);
  CHECK(s.entity == "attrd");
  CHECK(s.logfile == "/var/log/ha-log");
  CHECK(s.syslog_facility);
  CHECK_FALSE(s.to_stderr);
  CHECK(daemon_log_settings("attrd", 0, [](const std::string&) { return std::optional<std::string>{}; }).to_stderr);
}
