#include "heartbeatd/child_death.h"

#include <signal.h>

#include <catch2/catch.hpp>

using namespace pacer;
using namespace pacer::heartbeat;
using namespace std::chrono_literals;

namespace {
const std::string kCrmd = "/usr/libexec/pacer/crmd";
const std::string kAttrd = "/usr/libexec/pacer/attrd";

ChildDeath exit_with(int code, Millis ran = 60s) {
  return {.pid = 2001, .exited = true, .exit_code = code, .ran_for = ran};
}
ChildDeath killed_by(int sig, Millis ran = 60s) {
  return {.pid = 2001, .exited = false, .signal = sig, .ran_for = ran};
}
}  // namespace

TEST_CASE("a failfast child killed by a signal reboots the node, with Heartbeat's lines") {
  RespawnRateLimit limit;
  auto v = judge_child_death(kCrmd, DeathPolicy::failfast, killed_by(SIGKILL), false, limit);
  CHECK(v.action == AfterDeath::reboot_node);
  CHECK(v.log == std::vector<LogLine>{
                     {LogLevel::warn, "Managed /usr/libexec/pacer/crmd process 2001 killed by signal 9 [SIGKILL - Killed]."},
                     {LogLevel::error, "Client /usr/libexec/pacer/crmd (pid=2001) killed by signal 9."},
                     {LogLevel::emerg, "Rebooting system.  Reason: /usr/libexec/pacer/crmd"},
                 });
}

TEST_CASE("a failfast child exiting non-zero reboots; exiting 0 is respawned") {
  RespawnRateLimit limit;
  CHECK(judge_child_death(kCrmd, DeathPolicy::failfast, exit_with(2), false, limit).action ==
        AfterDeath::reboot_node);
  CHECK(judge_child_death(kCrmd, DeathPolicy::failfast, exit_with(100), false, limit).action ==
        AfterDeath::reboot_node);
  auto v = judge_child_death(kCrmd, DeathPolicy::failfast, exit_with(0), false, limit);
  CHECK(v.action == AfterDeath::respawn);
  CHECK(v.log.front() == LogLine{LogLevel::info, "Managed /usr/libexec/pacer/crmd process 2001 exited with return code 0."});
}

TEST_CASE("no death during shutdown reboots or respawns") {
  RespawnRateLimit limit;
  auto v = judge_child_death(kCrmd, DeathPolicy::failfast, killed_by(SIGTERM), true, limit);
  CHECK(v.action == AfterDeath::stay_dead);
  CHECK(v.log.size() == 1);  // only proctrack's report
  CHECK(judge_child_death(kAttrd, DeathPolicy::respawn, exit_with(1), true, limit).action ==
        AfterDeath::stay_dead);
}

TEST_CASE("a respawned child is restarted, a quick death after a pause") {
  RespawnRateLimit limit;
  auto v = judge_child_death(kAttrd, DeathPolicy::respawn, killed_by(SIGKILL), false, limit);
  CHECK(v.action == AfterDeath::respawn);
  CHECK(v.log.back() == LogLine{LogLevel::error, "Respawning client \"/usr/libexec/pacer/attrd\":"});
  CHECK(judge_child_death(kAttrd, DeathPolicy::respawn, exit_with(1, 2s), false, limit).action ==
        AfterDeath::respawn_after_pause);
}

TEST_CASE("exit code 100 means do not restart me") {
  RespawnRateLimit limit;
  auto v = judge_child_death(kAttrd, DeathPolicy::respawn, exit_with(100), false, limit);
  CHECK(v.action == AfterDeath::stay_dead);
  CHECK(v.log.back() == LogLine{LogLevel::error, "Client /usr/libexec/pacer/attrd exited with return code 100."});
}

TEST_CASE("the 11th quick death in a row is 'respawning too fast' and stays dead") {
  RespawnRateLimit limit;
  for (int i = 1; i <= 10; ++i) {
    INFO("death " << i);
    CHECK(judge_child_death(kAttrd, DeathPolicy::respawn, killed_by(SIGKILL, 1s), false, limit)
              .action == AfterDeath::respawn_after_pause);
  }
  auto v = judge_child_death(kAttrd, DeathPolicy::respawn, killed_by(SIGKILL, 1s), false, limit);
  CHECK(v.action == AfterDeath::stay_dead);
  CHECK(v.log.back() == LogLine{LogLevel::error, "Client /usr/libexec/pacer/attrd \"respawning too fast\""});
  CHECK(limit.short_deaths() == 0);
}

TEST_CASE("a run of 30 s or more resets the quick-death count") {
  RespawnRateLimit limit;
  for (int i = 0; i < 10; ++i) (void)limit.record_death_exceeds_limit(1s);
  CHECK_FALSE(limit.record_death_exceeds_limit(30s));
  CHECK(limit.short_deaths() == 0);
  for (int i = 0; i < 10; ++i) CHECK_FALSE(limit.record_death_exceeds_limit(29s));
  CHECK(limit.record_death_exceeds_limit(29s));
}

TEST_CASE("core dumps and strange deaths are reported as Heartbeat did") {
  RespawnRateLimit limit;
  ChildDeath core = killed_by(SIGSEGV);
  core.core_dumped = true;
  auto v = judge_child_death(kAttrd, DeathPolicy::respawn, core, false, limit);
  CHECK(v.log[0] == LogLine{LogLevel::error, "Managed /usr/libexec/pacer/attrd process 2001 dumped core"});
  CHECK(v.log[1].text == "Managed /usr/libexec/pacer/attrd process 2001 killed by signal 11 [SIGSEGV - Segmentation fault].");
  ChildDeath strange{.pid = 7, .exited = false, .signal = 0};
  CHECK(judge_child_death(kAttrd, DeathPolicy::respawn, strange, true, limit).log[0] ==
        LogLine{LogLevel::error, "Managed /usr/libexec/pacer/attrd process 7 went away strangely (!)"});
}
