// Derived defaults and whole-file checks of ha.cf (see ha_cf_finish.h). The rules and the
// messages are Heartbeat's where ha-cf.md gives them.
#include "common/config/ha_cf_finish.h"

#include <fmt/format.h>

#include "common/config/config_scalars.h"

namespace pacer::config {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kInitdeadWarnBelow{10000};

Status finish_timing(ParseState& state) {
  HaConfig& config = state.config;
  const int keepalive_line = state.line_of("keepalive");
  const int deadtime_line = state.line_of("deadtime");
  const int warntime_line = state.line_of("warntime");
  const int initdead_line = state.line_of("initdead");

  if (config.keepalive <= milliseconds(0)) {
    return state.error_at(keepalive_line, "keepalive must be greater than 0");
  }
  if (config.deadtime <= 2 * config.keepalive) {
    return state.error_at(deadtime_line != 0 ? deadtime_line : keepalive_line,
                          fmt::format("Dead time [{}] is too small compared to keeplive [{}]",
                                      config.deadtime.count(), config.keepalive.count()));
  }

  if (warntime_line == 0) {
    config.warntime = config.deadtime / 2;
  } else if (config.warntime <= milliseconds(0)) {
    return state.error_at(warntime_line, "warntime must be greater than 0");
  } else if (config.warntime >= config.deadtime) {
    state.warn_at(warntime_line,
                  fmt::format("Warn time [{}] is not smaller than dead time [{}]: late "
                              "heartbeats will not be reported before the node is declared dead",
                              config.warntime.count(), config.deadtime.count()));
  }

  if (initdead_line == 0) {
    if (config.deadtime > milliseconds(10000)) {
      config.initdead = config.deadtime;
    } else if (config.deadtime < milliseconds(6000)) {
      config.initdead = milliseconds(12000);
    } else {
      config.initdead = 2 * config.deadtime;
    }
  } else if (config.initdead < config.deadtime) {
    return state.error_at(initdead_line,
                          fmt::format("Initial dead time [{}] is smaller than dead time [{}]",
                                      config.initdead.count(), config.deadtime.count()));
  } else if (config.initdead < kInitdeadWarnBelow) {
    state.warn_at(initdead_line,
                  fmt::format("Initial dead time [{}] is less than 10 s: a peer that boots "
                              "slowly may be declared dead",
                              config.initdead.count()));
  }

  // The watchdog must outlast a deadtime without our own heartbeat: deadtime + 10 ms, rounded up
  // to the whole seconds the device understands.
  if (config.watchdog_device) {
    const auto ms = (config.deadtime + milliseconds(10)).count();
    config.watchdog_timeout = std::chrono::seconds((ms + 999) / 1000);
  }
  return Status::ok();
}

Status finish_process(ParseState& state) {
  const auto [low, high] = state.env.realtime_priority_range();
  if (const int line = state.line_of("rtprio"); line == 0) {
    state.config.rtprio = (low + high) / 2;
  } else if (state.config.rtprio < low || state.config.rtprio > high) {
    return state.error_at(line, fmt::format("Invalid value [{}] for rtprio ({}..{})",
                                            state.config.rtprio, low, high));
  }
  return Status::ok();
}

void finish_logging(ParseState& state) {
  HaConfig& config = state.config;
  if (config.use_logd_directive) {
    config.use_logd = *config.use_logd_directive;
    if (config.use_logd && state.log_directive_seen) {
      state.warn_at(state.line_of("use_logd"),
                    "use_logd is on: logfacility, logfile and debugfile are ignored");
    }
  } else if (!state.log_directive_seen) {
    config.use_logd = true;
    config.use_logd_implied = true;
  }
}

// Pacemaker's daemons were recorded by name; they live in crm_daemon_dir (or the default). A
// program that is not executable is noted, not refused: heartbeat still starts and logs an ERROR.
void finish_children(ParseState& state) {
  HaConfig& config = state.config;
  if (config.crm_daemon_dir.empty()) config.crm_daemon_dir = state.env.default_daemon_dir();
  for (ChildProgram& child : config.children) {
    if (child.from_pacemaker) child.path = fmt::format("{}/{}", config.crm_daemon_dir, child.path);
    child.executable = state.env.is_executable(child.path);
  }
}

Status finish_membership(ParseState& state) {
  HaConfig& config = state.config;
  if (config.media.empty()) return state.error_at(0, "No heartbeat media defined");
  for (const Medium& medium : config.media) {
    if (medium.kind == MediumKind::serial && config.pacemaker != PacemakerMode::off) {
      state.warn_at(medium.line,
                    "serial media are discouraged with Pacemaker: CIB updates exceed serial "
                    "message sizes");
      break;
    }
  }

  config.local_node = to_lower_ascii(state.env.local_node_name());
  if (config.autojoin == Autojoin::any) return Status::ok();
  if (config.nodes.empty()) return state.error_at(0, "No nodes defined");
  if (!config.has_node(config.local_node)) {
    return state.error_at(
        0, fmt::format("Current node [{}] not in configuration!", config.local_node));
  }
  return Status::ok();
}

}  // namespace

Status finish_ha_config(ParseState& state) {
  if (auto status = finish_timing(state); !status) return status;
  if (auto status = finish_process(state); !status) return status;
  finish_logging(state);
  finish_children(state);
  return finish_membership(state);
}

}  // namespace pacer::config
