// Daemon plumbing shared by the node daemons.
#include "common/daemon_support.h"

#include <fcntl.h>
#include <getopt.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

namespace pacer {

std::optional<std::string> real_getenv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

LogSettings daemon_log_settings(const std::string& entity, int verbose, const GetEnv& env) {
  LogSettings s;
  s.entity = entity;
  s.debug_level = verbose;
  auto facility = env("HA_logfacility");
  if (!facility) facility = env("HA_LOGFACILITY");
  if (facility && *facility != "none") s.syslog_facility = syslog_facility_from_name(*facility);
  if (auto f = env("HA_logfile")) s.logfile = *f;
  else if (auto f2 = env("HA_LOGFILE")) s.logfile = *f2;
  if (auto f = env("HA_debugfile")) s.debugfile = *f;
  else if (auto f2 = env("HA_DEBUGLOG")) s.debugfile = *f2;
  // ha.cf `env tracefile=PATH`: the millisecond trace (benchmarks read fail-over times from it).
  if (auto t = env("HA_tracefile")) s.trace_file = *t;
  if (auto d = env("HA_debug"); d && *d != "0" && verbose == 0) s.debug_level = std::atoi(d->c_str());
  s.to_stderr = !s.syslog_facility && s.logfile.empty();
  return s;
}

std::optional<ServiceDaemonArgs> parse_service_daemon_args(int argc, char** argv, std::string default_service) {
  ServiceDaemonArgs args{std::move(default_service), 0};
  optind = 0;  // glibc: start over, whatever parsed argv before
  static const option long_options[] = {{"service", required_argument, nullptr, 'n'},
                                        {"verbose", no_argument, nullptr, 'V'},
                                        {nullptr, 0, nullptr, 0}};
  for (int c; (c = getopt_long(argc, argv, "n:V", long_options, nullptr)) != -1;) {
    switch (c) {
      case 'n': args.service = optarg; break;
      case 'V': ++args.verbose; break;
      default: fmt::print(stderr, "usage: {} [-V] [--service NAME]\n", argv[0]); return std::nullopt;
    }
  }
  return args;
}

Result<std::unique_ptr<PidFile>> PidFile::create(const std::string& path) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return Status::from_errno(fmt::format("creating {}", tmp));
    out << getpid() << "\n";
    if (!out.flush()) return Status::from_errno(fmt::format("writing {}", tmp));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Status::from_errno(fmt::format("renaming to {}", path));
  return std::unique_ptr<PidFile>(new PidFile(path));
}

PidFile::~PidFile() {
  std::ifstream in(path_);
  pid_t pid = 0;
  if (in >> pid && pid == getpid()) ::unlink(path_.c_str());
}

Status daemonize() {
  pid_t pid = fork();
  if (pid < 0) return Status::from_errno("fork");
  if (pid > 0) _exit(0);
  if (setsid() < 0) return Status::from_errno("setsid");
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null < 0) return Status::from_errno("opening /dev/null");
  for (int fd = 0; fd < 3; ++fd) ::dup2(null, fd);
  if (null > 2) ::close(null);
  return Status::ok();
}

}  // namespace pacer
