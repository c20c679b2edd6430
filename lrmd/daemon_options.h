// The lrmd daemon's command line and where its logging settings come from. Pure: arguments,
// environment and ha.cf text come in, options or an error go out (main() does the I/O).
//
//   lrmd [-r] [-d] [--stderr] [--service NAME] [--max-children N] [--ocf-root DIR]
//        [--init-dir DIR] [--stonith PATH] [--ha-cf PATH] [--no-logtag-pid]
//
// -r is accepted and ignored: heartbeat's `pacemaker on` table starts Pacemaker 1.0's lrmd as
// `lrmd -r`. LRMD_MAX_CHILDREN in the environment sets the parallelism, as in Heartbeat.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "lrmd/agent_environment.h"

namespace pacer::lrmd {

struct DaemonOptions {
  std::string service = "pacer-lrmd";
  size_t max_children = 4;
  std::string ocf_root = "/usr/lib/ocf";
  std::string init_dir = "/etc/init.d";
  std::string stonith_command = "/usr/sbin/stonith";
  std::string ha_cf = "/etc/ha.d/ha.cf";
  bool to_stderr = false;
  int debug = 0;
  bool logtag_pid = true;
  bool help = false;
};

using GetEnv = std::function<std::optional<std::string>(const std::string& name)>;

Result<DaemonOptions> parse_daemon_args(const std::vector<std::string>& args, const GetEnv& env);

// Logging settings heartbeatd hands its children in the environment (HA_logfacility or
// HA_LOGFACILITY, HA_logfile, HA_debugfile, HA_debug); nullopt when it set none of them, e.g. when
// lrmd was started by hand (main then reads ha.cf).
std::optional<AgentLogSettings> log_settings_from_env(const GetEnv& env);

std::string daemon_usage();

}  // namespace pacer::lrmd
