// The environment a resource agent runs in, as Heartbeat's lrmd gave it: OCF_* and OCF_RESKEY_*
// (spec: ocf-and-stonith-api.md section 1) plus the HA_* variables that resource-agents' shell
// helpers read to log (HA_LOGFACILITY, HA_LOGFILE, HA_DEBUGLOG, HA_debug, HA_LOGTAG) and to find
// their directories (HA_VARRUN, HA_RSCTMP). Never HA_use_logd: that needs cluster-glue's logd.
//
// Pure functions: the result is the complete environment (agents inherit nothing from lrmd).
#pragma once

#include <string>
#include <vector>

#include "common/config/ha_config.h"
#include "lrmd/lrmd_types.h"

namespace pacer::lrmd {

// Where agents log, taken from ha.cf's logging directives.
struct AgentLogSettings {
  std::string facility;  // "local1"; empty: no syslog
  std::string logfile;   // ha.cf logfile; empty: none
  std::string debuglog;  // ha.cf debugfile; empty: none
  int debug = 0;         // ha.cf debug level
};

struct AgentEnvironmentOptions {
  std::string ocf_root = "/usr/lib/ocf";
  std::string path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  std::string varrun = "/var/run/";
  std::string rsctmp = "/run/resource-agents";
  AgentLogSettings log;
};

AgentLogSettings agent_log_settings(const config::HaConfig& ha_cf);

// The environment of an OCF agent for `request` on `resource`. Parameters merge the resource's
// with the operation's (the operation wins). CRM_meta_timeout/interval/name are filled from the
// request when the client did not send them (`effective_timeout` is the timeout in force); names
// under CRM_meta_ have '-' turned into '_'. Parameters whose names cannot be environment names
// (containing '=' or NUL, or empty) are left out.
std::vector<std::string> ocf_environment(const ResourceSpec& resource,
                                         const OperationRequest& request, Millis effective_timeout,
                                         const AgentEnvironmentOptions& options);

// The environment of an LSB init script: PATH and the logging variables, no parameters.
std::vector<std::string> lsb_environment(const ResourceSpec& resource,
                                         const AgentEnvironmentOptions& options);

}  // namespace pacer::lrmd

namespace pacer::lrmd {

// argv that execs `argv` through /bin/sh after appending the agent's own pid to HA_LOGTAG
// ("pgsql" -> "pgsql[19130]"): the pid is only known once the process exists, and `exec` keeps it,
// so the agent's syslog lines carry the tag the seed shows. Costs one shell start (~0.3 ms).
std::vector<std::string> with_logtag_pid(const std::vector<std::string>& argv);

}  // namespace pacer::lrmd
