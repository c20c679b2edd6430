// What the node daemons share as processes (attrd, crmd, ifcheckd, pingd, diskd, ccm): logging
// heartbeatd and lrmd give their children (HA_logfacility / HA_LOGFACILITY, HA_logfile,
// HA_debugfile, HA_debug), a pid file, and detaching from the terminal.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/log.h"
#include "common/result.h"

namespace pacer {

using GetEnv = std::function<std::optional<std::string>(const std::string& name)>;
std::optional<std::string> real_getenv(const std::string& name);

// `entity` is the log tag ("attrd", "pingd"). With no facility in the environment the lines go to
// stderr, so a daemon run by hand is not silent.
LogSettings daemon_log_settings(const std::string& entity, int verbose, const GetEnv& env = real_getenv);

// Owns a pid file: written (atomically) at creation, removed by the destructor if it still names
// this process.
class PidFile {
 public:
  static Result<std::unique_ptr<PidFile>> create(const std::string& path);
  ~PidFile();
  PidFile(const PidFile&) = delete;
  PidFile& operator=(const PidFile&) = delete;

 private:
  explicit PidFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// The command line of a daemon that takes only `--service NAME` (-n) and `--verbose` (-V, repeatable);
// `service` starts as the default the caller passes. A usage error prints the usage line to stderr
// and gives nullopt (the daemon then exits 64).
struct ServiceDaemonArgs {
  std::string service;
  int verbose = 0;
};
std::optional<ServiceDaemonArgs> parse_service_daemon_args(int argc, char** argv, std::string default_service);

// Forks into the background (the parent exits 0), starts a session, points stdio at /dev/null.
Status daemonize();

}  // namespace pacer
