// heartbeatd: reads /etc/ha.d/ha.cf and authkeys, then becomes the master control process.
// Only wiring and the command line live here; the logic is in pacer_heartbeat.
//
//   heartbeatd            start (as a daemon)          heartbeatd -k   stop a running heartbeatd
//   heartbeatd -r         make it re-read its files     heartbeatd -s   is it running? (exit 0/3)
//   heartbeatd -d         one more debug level          heartbeatd -F   stay in the foreground
#include <fcntl.h>
#include <malloc.h>
#include <sched.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "common/config/authkeys.h"
#include "common/config/ha_cf.h"
#include "common/file_system.h"
#include "common/ipc/event_loop.h"
#include "common/log.h"
#include "common/node_reset.h"
#include "heartbeatd/master_control.h"

namespace {

using namespace pacer;

struct Options {
  enum class Action { start, stop, reload, status } action = Action::start;
  int debug = 0;
  bool foreground = false;
  std::string config_dir = "/etc/ha.d";
  std::string state_dir = "/var/lib/pacer";
  std::string run_dir = "/run/pacer";
};

void usage() {
  std::fprintf(stderr,
               "usage: heartbeatd [-d]... [-F] [-k|-r|-s] [--config-dir DIR] [--state-dir DIR]\n"
               "  -k  stop the running heartbeatd      -r  make it re-read ha.cf/authkeys\n"
               "  -s  report whether it is running     -d  raise the debug level\n"
               "  -F  run in the foreground\n");
}

std::string pid_file(const Options& o) { return o.run_dir + "/heartbeatd.pid"; }

pid_t running_pid(const Options& o) {
  FILE* f = std::fopen(pid_file(o).c_str(), "r");
  if (!f) return 0;
  long pid = 0;
  if (std::fscanf(f, "%ld", &pid) != 1) pid = 0;
  std::fclose(f);
  if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0) return 0;
  return static_cast<pid_t>(pid);
}

int signal_running(const Options& o, int signo, bool wait) {
  pid_t pid = running_pid(o);
  if (pid == 0) {
    std::fprintf(stderr, "heartbeatd: not running\n");
    return signo == SIGTERM ? 0 : 1;
  }
  ::kill(pid, signo);
  // Stopping moves every resource away first: give it time, as the init script did.
  for (int i = 0; wait && i < 6000 && ::kill(pid, 0) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return 0;
}

LogSettings log_settings_from(const config::HaConfig& c) {
  LogSettings s;
  s.entity = "heartbeat";  // the ident pm_logconv and admins grep for
  if (c.logfacility_code >= 0) s.syslog_facility = c.logfacility_code;
  if (c.use_logd && !s.syslog_facility) s.syslog_facility = LOG_DAEMON;  // pacer has no logd
  if (c.logfile) s.logfile = *c.logfile;
  if (c.debugfile) s.debugfile = *c.debugfile;
  s.syslog_format = c.syslogmsgfmt;
  s.debug_level = c.debug;
  return s;
}

// Holds the pid file locked for the daemon's life, so a second start fails clearly.
Result<UniqueFd> lock_pid_file(const Options& o) {
  ::mkdir(o.run_dir.c_str(), 0755);
  UniqueFd fd(::open(pid_file(o).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) return Status::from_errno("open " + pid_file(o));
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0)
    return Status::error(fmt::format("heartbeatd is already running (pid {})", running_pid(o)));
  return fd;
}

void write_pid(int fd) {
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    ssize_t ignored = ::pwrite(fd, pid.data(), pid.size(), 0);
    (void)ignored;
  }
}

void go_realtime(const config::HaConfig& c, Logger& log) {
  if (!c.realtime) return;
  sched_param param{};
  param.sched_priority = c.rtprio;
  if (::sched_setscheduler(0, SCHED_FIFO, &param) != 0)
    log.warn("Cannot set realtime priority {}: {}", c.rtprio, std::strerror(errno));
  if (::mlockall(MCL_CURRENT | MCL_FUTURE) != 0)
    log.warn("Cannot lock memory: {}", std::strerror(errno));
}

}  // namespace

int main(int argc, char** argv) {
  // The title overwrites argv: keep what a restart (SIGHUP after an ha.cf change) re-executes.
  std::vector<std::string> original_args(argv, argv + argc);
  heartbeat::ProcessTitle title(argc, argv);
  Options o;
  for (size_t i = 1; i < original_args.size(); ++i) {
    const std::string& a = original_args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= original_args.size()) { usage(); std::exit(2); }
      return original_args[++i];
    };
    if (a == "-k") o.action = Options::Action::stop;
    else if (a == "-r") o.action = Options::Action::reload;
    else if (a == "-s") o.action = Options::Action::status;
    else if (a == "-d") ++o.debug;
    else if (a == "-F" || a == "--foreground") o.foreground = true;
    else if (a == "--config-dir") o.config_dir = value();
    else if (a == "--state-dir") o.state_dir = value();
    else if (a == "--run-dir") o.run_dir = value();
    else { usage(); return 2; }
  }
  switch (o.action) {
    case Options::Action::stop: return signal_running(o, SIGTERM, true);
    case Options::Action::reload: return signal_running(o, SIGHUP, false);
    case Options::Action::status: {
      pid_t pid = running_pid(o);
      if (pid == 0) {
        std::printf("heartbeat is stopped. No process\n");
        return 3;
      }
      std::printf("heartbeat OK [pid %d et al] is running\n", pid);
      return 0;
    }
    case Options::Action::start: break;
  }

  std::string ha_cf_path = o.config_dir + "/ha.cf";
  std::string authkeys_path = o.config_dir + "/authkeys";
  config::SystemHaCfEnvironment env;
  auto config = config::load_ha_cf(ha_cf_path, env);
  auto report = [](const std::string& message) {
    std::fprintf(stderr, "heartbeatd: %s\n", message.c_str());
    ::openlog("heartbeat", 0, LOG_DAEMON);
    ::syslog(LOG_ERR, "[%d]: ERROR: %s", ::getpid(), message.c_str());
    ::closelog();
  };
  if (!config) {
    report(config.error_message());
    report("Configuration error, heartbeat not started.");
    return 6;  // LSB: program is not configured
  }
  config->debug += o.debug;
  auto keys = config::load_authkeys(authkeys_path);
  if (!keys) {
    report(keys.error_message());
    report("Authentication configuration error.");
    return 6;
  }
  auto pid_lock = lock_pid_file(o);
  if (!pid_lock) {
    report(pid_lock.error_message());
    return 1;
  }
  if (!o.foreground) {
    if (::daemon(0, 0) != 0) {
      report(fmt::format("daemon(): {}", std::strerror(errno)));
      return 1;
    }
  }
  write_pid(pid_lock->get());
  ::signal(SIGPIPE, SIG_IGN);
  // Large buffers (an IPC frame of a 5 MB CIB) must go back to the system when freed. glibc
  // otherwise raises its mmap threshold after the first such free and keeps every later one in
  // the heap: 8 MB more resident after the first few cl_status calls. A fixed threshold stops that.
  ::mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  title.set("heartbeatd: master control process");

  RealClock clock;
  LogSettings settings = log_settings_from(*config);
  settings.to_stderr = o.foreground;
  Logger log(settings, clock);
  go_realtime(*config, log);

  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    log.error("{}", loop.error_message());
    return 1;
  }
  RealFileSystem fs;
  KernelNodeReset reset;
  heartbeat::McpPaths paths;
  paths.ha_cf = ha_cf_path;
  paths.authkeys = authkeys_path;
  paths.identity.state_dir = o.state_dir;
  paths.fifo = o.state_dir + "/fifo";
  LogSettings child_settings = settings;
  child_settings.to_stderr = false;
  heartbeat::MasterControl mcp(**loop, *config, *keys, child_settings, log, title, reset, fs, paths);
  (void)(*loop)->on_signal(SIGTERM, [&](const signalfd_siginfo&) {
    mcp.shutdown([&] { (*loop)->stop(); });
  });
  (void)(*loop)->on_signal(SIGINT, [&](const signalfd_siginfo&) {
    mcp.shutdown([&] { (*loop)->stop(); });
  });
  bool restart = false;
  (void)(*loop)->on_signal(SIGHUP, [&](const signalfd_siginfo&) {
    mcp.reload([&] {
      restart = true;
      (*loop)->stop();
    });
  });
  (void)(*loop)->on_signal(SIGUSR1, [&](const signalfd_siginfo&) {
    log.set_debug_level(log.settings().debug_level + 1);
  });
  (void)(*loop)->on_signal(SIGUSR2, [&](const signalfd_siginfo&) {
    log.set_debug_level(std::max(0, log.settings().debug_level - 1));
  });
  if (auto s = mcp.start(); !s) {
    log.error("{}", s.message());
    return 1;
  }
  if (auto s = (*loop)->run(); !s) {
    log.error("{}", s.message());
    return 1;
  }
  ::unlink(pid_file(o).c_str());
  if (restart) {
    // A fresh process reads the new ha.cf; in the foreground, so it keeps this pid and parent.
    pid_lock->reset();
    std::vector<char*> args;
    for (auto& a : original_args) args.push_back(a.data());
    bool has_foreground = false;
    for (auto& a : original_args) has_foreground = has_foreground || a == "-F" || a == "--foreground";
    std::string foreground = "-F";
    if (!has_foreground) args.push_back(foreground.data());
    args.push_back(nullptr);
    ::execv("/proc/self/exe", args.data());
    log.error("cannot restart heartbeatd: {}", std::strerror(errno));
    return 1;
  }
  return 0;
}
