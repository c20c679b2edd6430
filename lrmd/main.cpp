// lrmd, the daemon: wiring only. Picks the real seams (clock, event loop timers, thread-pool
// executor, process runner), reads logging settings (heartbeatd's environment, else ha.cf), and
// serves lrmd's IPC until SIGTERM.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "common/config/ha_cf.h"
#include "common/config/ha_cf_environment.h"
#include "common/ipc/peer_policy.h"
#include "common/log.h"
#include "lrmd/daemon_options.h"
#include "lrmd/lrmd_service.h"
#include "lrmd/lsb_class.h"
#include "lrmd/ocf_class.h"
#include "lrmd/stonith_class.h"
#include "lrmd/thread_pool_executor.h"

namespace {

using namespace pacer;
using namespace pacer::lrmd;

std::optional<std::string> getenv_string(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v ? std::optional<std::string>(v) : std::nullopt;
}

int run(const DaemonOptions& options) {
  RealClock clock;
  AgentLogSettings agent_log;
  bool syslogmsgfmt = true;
  std::string ha_cf_problem;
  if (auto from_env = log_settings_from_env(getenv_string)) {
    agent_log = *from_env;
  } else {
    config::SystemHaCfEnvironment host;
    auto cf = config::load_ha_cf(options.ha_cf, host);
    if (cf) {
      agent_log = agent_log_settings(*cf);
      syslogmsgfmt = cf->syslogmsgfmt;
    } else {
      ha_cf_problem = cf.error_message();
    }
  }
  LogSettings settings;
  settings.entity = "lrmd";
  if (!agent_log.facility.empty()) settings.syslog_facility = syslog_facility_from_name(agent_log.facility);
  settings.logfile = agent_log.logfile;
  settings.debugfile = agent_log.debuglog;
  settings.syslog_format = syslogmsgfmt;
  settings.debug_level = std::max(options.debug, agent_log.debug);
  settings.to_stderr = options.to_stderr || (!settings.syslog_facility && settings.logfile.empty());
  Logger log(settings, clock);
  if (!ha_cf_problem.empty())
    log.warn("no logging settings from heartbeat or ha.cf ({}); agents log to stderr", ha_cf_problem);

  ::signal(SIGPIPE, SIG_IGN);
  std::error_code ec;
  std::filesystem::create_directories("/run/resource-agents", ec);

  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    log.error("{}", loop.error_message());
    return 1;
  }
  // Signals first: worker threads started afterwards inherit the blocked mask.
  for (int sig : {SIGTERM, SIGINT}) {
    Status s = (*loop)->on_signal(sig, [&log, &loop, sig](const signalfd_siginfo&) {
      log.info("lrmd: received signal {}, shutting down", sig);
      (*loop)->stop();
    });
    if (!s) {
      log.error("{}", s.message());
      return 1;
    }
  }
  (void)(*loop)->on_signal(SIGHUP, [](const signalfd_siginfo&) {});

  // One thread more than the parallelism: meta-data runs outside the resource queues and must not
  // take a resource operation's thread.
  auto executor = ThreadPoolExecutor::create(**loop, clock, options.max_children + 1);
  if (!executor) {
    log.error("{}", executor.error_message());
    return 1;
  }
  EventLoopTimers timers(**loop);
  ManagerOptions manager_options;
  manager_options.max_children = options.max_children;
  manager_options.logtag_pid = options.logtag_pid;
  ResourceManager manager(clock, timers, **executor, log, manager_options);
  AgentEnvironmentOptions agent_env;
  agent_env.ocf_root = options.ocf_root;
  agent_env.log = agent_log;
  RealProcessRunner runner;
  manager.add_class(std::make_unique<OcfClass>(agent_env));
  manager.add_class(std::make_unique<LsbClass>(options.init_dir, agent_env));
  // pacer's wrapper of cluster-glue's stonith also shows pacer's own plugins (stonithd/README.md).
  std::string stonith_command = options.stonith_command;
  if (stonith_command == "/usr/sbin/stonith" && access(PACER_STONITH_PLUGINS, X_OK) == 0)
    stonith_command = PACER_STONITH_PLUGINS;
  manager.add_class(std::make_unique<StonithClass>(stonith_command, runner, PACER_STONITH_DEVICE));

  ServiceOptions service_options;
  service_options.name = options.service;
  auto policy = ipc::root_or_named_group_policy("haclient");
  if (policy) {
    service_options.policy = *policy;
  } else {
    log.warn("{}; only root may connect", policy.error_message());
    service_options.policy = [](const ipc::PeerCredentials& peer) {
      return peer.uid == 0 ? Status::ok() : Status::error("not root");
    };
  }
  service_options.log = [&log](std::string_view line) { log.info("{}", line); };
  service_options.on_max_children = [&](size_t n) { (*executor)->ensure_threads(n + 1); };
  auto service = LrmdService::start(**loop, manager, service_options);
  if (!service) {
    log.error("{}", service.error_message());
    return 1;
  }
  log.info("lrmd started: service {}, max-children {}", options.service, options.max_children);
  Status ran = (*loop)->run();
  if (!ran) log.error("{}", ran.message());
  log.info("lrmd stopped");
  return ran ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto options = parse_daemon_args(args, getenv_string);
  if (!options) {
    std::fprintf(stderr, "lrmd: %s\n%s", options.error_message().c_str(), daemon_usage().c_str());
    return 2;
  }
  if (options->help) {
    std::fputs(daemon_usage().c_str(), stdout);
    return 0;
  }
  if (::geteuid() != 0) {
    std::fprintf(stderr, "lrmd: must run as root (agents manage the node's resources)\n");
    return 1;
  }
  return run(*options);
}
