// What the master control process does when one of its managed children dies: respawn it, leave
// it dead, or reboot the node — Heartbeat 3's rules (shared/spec/failure-table.md §3) as a pure
// function, together with the log lines pm_logconv reads.
//
// The caller (the MCP) owns the processes; this file only decides. It is deterministic: the time a
// child ran comes in with the death, so tests need no clock.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/log.h"

namespace pacer::heartbeat {

// How a managed client's death is treated (ha.cf `failfast` vs `respawn` lines; `pacemaker on`
// expands to both kinds).
enum class DeathPolicy {
  failfast,  // abnormal death reboots the node
  respawn,   // restarted unless it exits 100 or respawns too fast
};

struct ChildDeath {
  pid_t pid = 0;
  bool exited = false;  // false: killed by `signal`
  int exit_code = 0;
  int signal = 0;
  bool core_dumped = false;
  Millis ran_for{0};    // from start to death
};

enum class AfterDeath {
  respawn,             // start it again now
  respawn_after_pause, // start it again, sleeping 1 s before exec (it died quickly)
  stay_dead,           // exit 100, respawning too fast, or shutdown in progress
  reboot_node,         // failfast child died abnormally
};

struct LogLine {
  LogLevel level;
  std::string text;
  bool operator==(const LogLine&) const = default;
};

struct DeathVerdict {
  AfterDeath action = AfterDeath::stay_dead;
  std::vector<LogLine> log;
};

// Counts a child's consecutive quick deaths (ran < 30 s). One per managed child.
class RespawnRateLimit {
 public:
  static constexpr Millis kShortRun{30'000};
  static constexpr int kMaxShortDeaths = 10;

  // Records a death; true when this one exceeds the limit (the 11th quick death in a row), which
  // also resets the count.
  bool record_death_exceeds_limit(Millis ran_for);
  int short_deaths() const { return short_deaths_; }

 private:
  int short_deaths_ = 0;
};

// Heartbeat's `<SIGNAME> - <description>`, e.g. "SIGKILL - Killed".
std::string signal_words(int signal);

// Decides what follows `death` of the child started as `command` (its path and arguments as the
// ha.cf line gave them).
DeathVerdict judge_child_death(const std::string& command, DeathPolicy policy,
                               const ChildDeath& death, bool shutting_down,
                               RespawnRateLimit& rate_limit);

}  // namespace pacer::heartbeat
