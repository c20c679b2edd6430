// Building agent environments. HA_LOGTAG is the agent's type ("pgsql") so that resource-agents'
// ha_log() tags its syslog lines the way the seed's ha-log shows them; the agent runner appends
// the agent's pid ("pgsql[19130]") when it execs it (see agent_command.h).
#include "lrmd/agent_environment.h"

#include <fmt/format.h>

namespace pacer::lrmd {
namespace {

bool usable_name(const std::string& name) {
  return !name.empty() && name.find('=') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

std::string env_name(const std::string& name) {
  static constexpr std::string_view kMeta = "CRM_meta_";
  if (name.compare(0, kMeta.size(), kMeta) != 0) return name;
  std::string out = name;
  for (char& c : out)
    if (c == '-') c = '_';
  return out;
}

void add_common(std::vector<std::string>& env, const ResourceSpec& resource,
                const AgentEnvironmentOptions& options) {
  env.push_back("PATH=" + options.path);
  env.push_back("HA_VARRUN=" + options.varrun);
  env.push_back("HA_RSCTMP=" + options.rsctmp);
  env.push_back("HA_LOGTAG=" + resource.type);
  env.push_back(fmt::format("HA_debug={}", options.log.debug > 0 ? 1 : 0));
  if (!options.log.facility.empty()) env.push_back("HA_LOGFACILITY=" + options.log.facility);
  if (!options.log.logfile.empty()) env.push_back("HA_LOGFILE=" + options.log.logfile);
  if (!options.log.debuglog.empty()) env.push_back("HA_DEBUGLOG=" + options.log.debuglog);
}

}  // namespace

AgentLogSettings agent_log_settings(const config::HaConfig& ha_cf) {
  AgentLogSettings s;
  if (ha_cf.logfacility) s.facility = *ha_cf.logfacility;
  if (ha_cf.logfile) s.logfile = *ha_cf.logfile;
  if (ha_cf.debugfile) s.debuglog = *ha_cf.debugfile;
  s.debug = ha_cf.debug;
  return s;
}

std::vector<std::string> ocf_environment(const ResourceSpec& resource,
                                         const OperationRequest& request, Millis effective_timeout,
                                         const AgentEnvironmentOptions& options) {
  std::vector<std::string> env;
  add_common(env, resource, options);
  env.push_back("OCF_ROOT=" + options.ocf_root);
  env.push_back("OCF_RA_VERSION_MAJOR=1");
  env.push_back("OCF_RA_VERSION_MINOR=0");
  env.push_back("OCF_RESOURCE_INSTANCE=" + resource.id);
  env.push_back("OCF_RESOURCE_TYPE=" + resource.type);
  env.push_back("OCF_RESOURCE_PROVIDER=" + resource.provider);

  Params merged = resource.params;
  for (const auto& [name, value] : request.params) merged[env_name(name)] = value;
  merged.try_emplace("CRM_meta_timeout", fmt::format("{}", effective_timeout.count()));
  merged.try_emplace("CRM_meta_name", request.operation);
  // Absent for one-shot operations: agents default it to 0 (a probe).
  if (request.interval.count() > 0)
    merged.try_emplace("CRM_meta_interval", fmt::format("{}", request.interval.count()));
  for (const auto& [name, value] : merged) {
    std::string n = env_name(name);
    if (usable_name(n) && value.find('\0') == std::string::npos)
      env.push_back(fmt::format("OCF_RESKEY_{}={}", n, value));
  }
  return env;
}

std::vector<std::string> lsb_environment(const ResourceSpec& resource,
                                         const AgentEnvironmentOptions& options) {
  std::vector<std::string> env;
  add_common(env, resource, options);
  return env;
}

}  // namespace pacer::lrmd

namespace pacer::lrmd {

std::vector<std::string> with_logtag_pid(const std::vector<std::string>& argv) {
  std::vector<std::string> out = {"/bin/sh", "-c",
                                  "HA_LOGTAG=\"${HA_LOGTAG}[$$]\"; export HA_LOGTAG; exec \"$0\" \"$@\""};
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

}  // namespace pacer::lrmd
