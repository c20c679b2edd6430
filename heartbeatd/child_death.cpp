// Heartbeat 3.0.5's managed-child rules. The order matters and follows Heartbeat: report the death
// (proctrack's lines), then failfast, then the exit-100 and rate-limit checks, then respawn.
#include "heartbeatd/child_death.h"

#include <string.h>

#include <fmt/format.h>

namespace pacer::heartbeat {

bool RespawnRateLimit::record_death_exceeds_limit(Millis ran_for) {
  if (ran_for >= kShortRun) {
    short_deaths_ = 0;
    return false;
  }
  if (++short_deaths_ > kMaxShortDeaths) {
    short_deaths_ = 0;
    return true;
  }
  return false;
}

std::string signal_words(int signal) {
  const char* abbrev = sigabbrev_np(signal);
  const char* description = sigdescr_np(signal);
  return fmt::format("SIG{} - {}", abbrev ? abbrev : "UNKNOWN",
                     description ? description : "Unknown signal");
}

DeathVerdict judge_child_death(const std::string& command, DeathPolicy policy,
                               const ChildDeath& death, bool shutting_down,
                               RespawnRateLimit& rate_limit) {
  DeathVerdict verdict;
  auto& log = verdict.log;

  // What proctrack reports for every managed child.
  if (death.core_dumped)
    log.push_back({LogLevel::error, fmt::format("Managed {} process {} dumped core", command, death.pid)});
  if (death.exited) {
    log.push_back({death.exit_code == 0 ? LogLevel::info : LogLevel::warn,
                   fmt::format("Managed {} process {} exited with return code {}.", command,
                               death.pid, death.exit_code)});
  } else if (death.signal != 0) {
    log.push_back({LogLevel::warn, fmt::format("Managed {} process {} killed by signal {} [{}].",
                                               command, death.pid, death.signal,
                                               signal_words(death.signal))});
  } else {
    log.push_back({LogLevel::error,
                   fmt::format("Managed {} process {} went away strangely (!)", command, death.pid)});
  }

  if (shutting_down) {
    verdict.action = AfterDeath::stay_dead;
    return verdict;
  }

  log.push_back(death.exited
                    ? LogLine{LogLevel::error, fmt::format("Client {} exited with return code {}.",
                                                           command, death.exit_code)}
                    : LogLine{LogLevel::error, fmt::format("Client {} (pid={}) killed by signal {}.",
                                                           command, death.pid, death.signal)});

  bool abnormal = !death.exited || death.exit_code != 0;
  if (policy == DeathPolicy::failfast && abnormal) {
    log.push_back({LogLevel::emerg, fmt::format("Rebooting system.  Reason: {}", command)});
    verdict.action = AfterDeath::reboot_node;
    return verdict;
  }
  if (death.exited && death.exit_code == 100) {
    // The child asked not to be restarted.
    verdict.action = AfterDeath::stay_dead;
    return verdict;
  }
  bool quick = death.ran_for < RespawnRateLimit::kShortRun;
  if (rate_limit.record_death_exceeds_limit(death.ran_for)) {
    log.push_back({LogLevel::error, fmt::format("Client {} \"respawning too fast\"", command)});
    verdict.action = AfterDeath::stay_dead;
    return verdict;
  }
  log.push_back({LogLevel::error, fmt::format("Respawning client \"{}\":", command)});
  verdict.action = quick ? AfterDeath::respawn_after_pause : AfterDeath::respawn;
  return verdict;
}

}  // namespace pacer::heartbeat
