#include "common/log.h"

#include <syslog.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/support/fake_clock.h"

using namespace pacer;

namespace {
// The seed's demo ran on a Japanese host; tests fix the zone so local time is predictable.
struct UtcZone {
  UtcZone() {
    ::setenv("TZ", "UTC", 1);
    ::tzset();
  }
};
const UtcZone utc_zone;

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string temp_dir() {
  char pattern[] = "/tmp/pacer-log-test-XXXXXX";
  return ::mkdtemp(pattern);
}

WallTime seed_time() { return WallTime(std::chrono::seconds(1310410414)); }  // Jul 11 18:53:34 UTC
}  // namespace

TEST_CASE("the syslog layout is Heartbeat's, as in the seed's ha-log") {
  CHECK(format_syslog_layout(seed_time(), "pm1", "crmd", 1996, LogLevel::info,
                             "do_state_transition: State transition S_IDLE") ==
        "Jul 11 18:53:34 pm1 crmd: [1996]: info: do_state_transition: State transition S_IDLE");
  CHECK(format_syslog_body(1996, LogLevel::warn, "x") == "[1996]: WARN: x");
}

TEST_CASE("a one-digit day is padded with a space, as syslog does") {
  WallTime jul1 = WallTime(std::chrono::seconds(1309546414));  // Jul  1 18:53:34 UTC 2011
  CHECK(format_syslog_layout(jul1, "pm1", "heartbeat", 7, LogLevel::error, "m") ==
        "Jul  1 18:53:34 pm1 heartbeat: [7]: ERROR: m");
}

TEST_CASE("the classic layout for syslogmsgfmt off") {
  CHECK(format_classic_layout(seed_time(), "heartbeat", 1873, LogLevel::crit, "Emergency") ==
        "heartbeat[1873]: 2011/07/11_18:53:34 CRIT: Emergency");
}

TEST_CASE("level words are Heartbeat's") {
  CHECK(log_level_word(LogLevel::debug) == "debug");
  CHECK(log_level_word(LogLevel::info) == "info");
  CHECK(log_level_word(LogLevel::warn) == "WARN");
  CHECK(log_level_word(LogLevel::error) == "ERROR");
  CHECK(log_level_word(LogLevel::crit) == "CRIT");
  CHECK(log_level_word(LogLevel::emerg) == "EMERG");
}

TEST_CASE("syslog facilities by name") {
  CHECK(syslog_facility_from_name("local1") == LOG_LOCAL1);
  CHECK(syslog_facility_from_name("daemon") == LOG_DAEMON);
  CHECK_FALSE(syslog_facility_from_name("local8"));
}

TEST_CASE("logfile gets non-debug lines, debugfile gets all, trace has milliseconds") {
  std::string dir = temp_dir();
  FakeClock clock;
  clock.set_wall(seed_time() + std::chrono::milliseconds(250));
  LogSettings settings{.entity = "crmd", .hostname = "pm1", .pid = 1996,
                       .logfile = dir + "/ha-log", .debugfile = dir + "/ha-debug",
                       .debug_level = 1, .trace_file = dir + "/trace"};
  {
    Logger logger(settings, clock);
    logger.info("hello {}", "world");
    logger.debug("details");
  }
  CHECK(read_all(dir + "/ha-log") == "Jul 11 18:53:34 pm1 crmd: [1996]: info: hello world\n");
  CHECK(read_all(dir + "/ha-debug") ==
        "Jul 11 18:53:34 pm1 crmd: [1996]: info: hello world\n"
        "Jul 11 18:53:34 pm1 crmd: [1996]: debug: details\n");
  CHECK(read_all(dir + "/trace").find("2011-07-11 18:53:34.250 pm1 crmd[1996]: info: hello world") == 0);
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("debug lines are dropped at debug level 0") {
  std::string dir = temp_dir();
  FakeClock clock;
  Logger logger({.entity = "x", .hostname = "h", .pid = 1, .debugfile = dir + "/d"}, clock);
  logger.debug("invisible");
  CHECK(read_all(dir + "/d").empty());
  std::system(("rm -rf " + dir).c_str());
}
