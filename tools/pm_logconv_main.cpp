// pm_logconv: wiring only. Reads /etc/pm_logconv.conf (-f), the ha.cf ping hosts and the
// hostcache, then follows ha_log_path and appends converted lines to output_path, saving its
// position after each batch. Meant to be kept alive by an inittab respawn line, as the seed's was:
//   logc:2345:respawn:/usr/sbin/pm_logconv
#include <fcntl.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "common/clock.h"
#include "common/file_system.h"
#include "tools/log_follower.h"
#include "tools/logconv_converter.h"

using namespace pacer;
using namespace pacer::tools;

namespace {

constexpr const char* kPidFile = "/var/run/pm_logconv.pid";

std::string usage() {
  return R"(pm_logconv - convert ha-log into the operator log (pm_logconv-hb compatible)

Usage: pm_logconv [options]
  -f FILE     configuration (default /etc/pm_logconv.conf)
  -c          continue from the position saved in the stat file
  -p          start at the end of ha-log (default when no position was saved)
  -d          run as a daemon
  -k          stop the running pm_logconv
  -s          say whether pm_logconv is running (exit 0 if it is)
  --convert   convert standard input to standard output and exit (no position, no daemon)
  -v          print each converted line on standard error too
  -h, --help  this text
)";
}

std::optional<pid_t> running_pid() {
  RealFileSystem fs;
  auto text = fs.read_file(kPidFile);
  if (!text) return std::nullopt;
  pid_t pid = static_cast<pid_t>(std::atoi(text->c_str()));
  if (pid <= 0 || kill(pid, 0) != 0) return std::nullopt;
  return pid;
}

Status append(const std::string& path, const std::vector<std::string>& lines) {
  if (lines.empty()) return Status::ok();
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::from_errno("opening " + path);
  UniqueFd owned(fd);
  std::string text;
  for (auto& l : lines) text += l + "\n";
  for (size_t done = 0; done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::from_errno("writing " + path);
    }
    done += static_cast<size_t>(n);
  }
  return Status::ok();
}

}  // namespace

int main(int argc, char** argv) {
  std::string conf_path = "/etc/pm_logconv.conf";
  bool daemonize = false, verbose = false, convert_stdin = false;
  std::optional<FollowStart> start;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-f" && i + 1 < argc) conf_path = argv[++i];
    else if (a == "-c") start = FollowStart::saved_position;
    else if (a == "-p") start = FollowStart::end_of_file;
    else if (a == "-d") daemonize = true;
    else if (a == "-v") verbose = true;
    else if (a == "--convert") convert_stdin = true;
    else if (a == "-h" || a == "--help") {
      std::cout << usage();
      return 0;
    } else if (a == "-s") {
      auto pid = running_pid();
      std::cout << (pid ? "pm_logconv is running (pid " + std::to_string(*pid) + ")" : "pm_logconv is stopped") << "\n";
      return pid ? 0 : 1;
    } else if (a == "-k") {
      auto pid = running_pid();
      if (!pid) return 0;
      return kill(*pid, SIGTERM) == 0 ? 0 : 1;
    } else {
      std::cerr << "pm_logconv: unknown option " << a << "\n" << usage();
      return 64;
    }
  }

  RealFileSystem fs;
  LogconvConfig config;
  if (auto text = fs.read_file(conf_path)) {
    auto parsed = parse_logconv_config(*text, conf_path);
    if (!parsed) {
      std::cerr << "pm_logconv: " << parsed.error_message() << "\n";
      return 78;
    }
    config = std::move(*parsed);
  } else if (conf_path != "/etc/pm_logconv.conf") {
    std::cerr << "pm_logconv: " << text.error_message() << "\n";
    return 66;
  }
  for (auto& w : config.warnings) std::cerr << "pm_logconv: " << w << "\n";

  ConverterSettings settings;
  utsname host{};
  uname(&host);
  settings.hostname = host.nodename;
  settings.syslog_format = config.syslog_format;
  settings.act_rsc = config.act_rsc;
  settings.attribute_rules = config.attribute_rules;
  if (auto hacf = fs.read_file(config.hacf_path)) settings.ping_hosts = ping_hosts_from_hacf(*hacf);
  if (auto cache = fs.read_file(config.hostcache_path)) settings.hostcache = parse_hostcache(*cache);
  LogConverter converter(settings);
  RealClock clock;

  if (convert_stdin) {
    for (std::string line; std::getline(std::cin, line);)
      for (auto& out : converter.convert(line, clock.wall())) std::cout << out << "\n";
    return 0;
  }

  if (running_pid()) {
    std::cerr << "pm_logconv: already running\n";
    return 1;
  }
  if (daemonize && daemon(0, 0) != 0) {
    std::perror("pm_logconv: daemon");
    return 1;
  }
  (void)fs.write_file_atomic(kPidFile, std::to_string(getpid()) + "\n", 0644);

  LogFollower follower(config.ha_log_path, config.stat_path);
  if (!start) start = fs.exists(config.stat_path) ? FollowStart::saved_position : FollowStart::end_of_file;
  if (Status s = follower.start(*start); !s) {
    std::cerr << "pm_logconv: " << s.message() << "\n";
    return 1;
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigprocmask(SIG_BLOCK, &signals, nullptr);
  int sfd = signalfd(-1, &signals, SFD_CLOEXEC);
  MonoTime last_input = clock.monotonic();
  for (;;) {
    auto lines = follower.read_lines();
    if (!lines) {
      std::cerr << "pm_logconv: " << lines.error_message() << "\n";
    } else if (!lines->empty()) {
      last_input = clock.monotonic();
      std::vector<std::string> out;
      for (auto& line : *lines)
        for (auto& converted : converter.convert(line, clock.wall())) out.push_back(converted);
      if (verbose)
        for (auto& o : out) std::cerr << o << "\n";
      if (Status s = append(config.output_path, out); !s) std::cerr << "pm_logconv: " << s.message() << "\n";
      if (Status s = follower.save(); !s) std::cerr << "pm_logconv: " << s.message() << "\n";
    } else if (converter.failover_in_progress() &&
               clock.monotonic() - last_input > std::chrono::seconds(config.reset_interval_s)) {
      // A fail-over that never reached S_IDLE in the log (the spec asks crmadmin -S first;
      // pacer has no crmadmin yet, so a quiet log is taken as the end).
      converter.reset();
    }
    pollfd fd{sfd, POLLIN, 0};
    if (poll(&fd, 1, 1000) > 0) break;
  }
  close(sfd);
  unlink(kPidFile);
  return 0;
}
