// crm_mon: wiring only. Reads the CIB (file, CIB_file or cibd), builds the ClusterView and prints
// it in the chosen form, once or every -i seconds until q or Ctrl-C.
#include <poll.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>

#include "common/clock.h"
#include "common/file_system.h"
#include "tools/cib_source.h"
#include "tools/crm_mon_html.h"
#include "tools/crm_mon_options.h"
#include "tools/crm_mon_simple.h"
#include "tools/crm_mon_xml.h"

using namespace pacer;
using namespace pacer::tools;

namespace {

std::string now_text() { return ctime_text(std::time(nullptr)); }

// Puts the terminal in non-canonical mode so a single "q" is read at once; restores it on exit.
class RawTerminal {
 public:
  RawTerminal() {
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios raw = saved_;
    raw.c_lflag &= ~(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    active_ = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
  }
  ~RawTerminal() {
    if (active_) tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
  }
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

int run(const MonitorOptions& options, CibSource& source) {
  auto render_once = [&](bool screen) -> int {
    auto cib = source.fetch();
    if (options.output == MonitorOutput::simple) {
      SimpleStatus s = cib ? [&] {
        auto view = build_cluster_view(*cib);
        return view ? simple_status(*view) : simple_status_unreachable(view.error_message());
      }() : simple_status_unreachable(cib.error_message());
      std::cout << s.line << "\n";
      return s.exit_code;
    }
    if (!cib) {
      std::cerr << "crm_mon: cannot read the CIB from " << source.describe() << ": "
                << cib.error_message() << "\n";
      return 1;
    }
    auto view = build_cluster_view(*cib);
    if (!view) {
      std::cerr << "crm_mon: " << view.error_message() << "\n";
      return 1;
    }
    MonitorDisplay display = options.display;
    display.last_updated = now_text();
    if (!options.html_file.empty()) {
      RealFileSystem fs;
      Status s = fs.write_file_atomic(options.html_file,
                                      format_monitor_html(*view, display, options.interval_s), 0644);
      if (!s) std::cerr << "crm_mon: " << s.message() << "\n";
      if (options.daemonize || options.html_file == "-") return s ? 0 : 1;
    }
    if (options.daemonize) return 0;
    if (options.output == MonitorOutput::xml) {
      std::cout << format_monitor_xml(*view, display.last_updated);
      return 0;
    }
    if (screen) std::cout << "\033[H\033[2J";
    std::cout << format_monitor_text(*view, display) << std::flush;
    return 0;
  };

  if (options.one_shot || options.output != MonitorOutput::text) return render_once(false);

  // Interactive (or daemon): SIGINT/SIGTERM arrive on a signalfd, polled beside stdin, so the loop
  // ends cleanly and the terminal is restored.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigprocmask(SIG_BLOCK, &signals, nullptr);
  int sfd = signalfd(-1, &signals, SFD_CLOEXEC);
  RawTerminal terminal;
  for (;;) {
    render_once(!options.daemonize);
    pollfd fds[2] = {{sfd, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    int nfds = options.daemonize ? 1 : 2;
    int ready = poll(fds, nfds, options.interval_s * 1000);
    if (ready < 0 && errno != EINTR) break;
    if (fds[0].revents & POLLIN) break;
    if (nfds > 1 && (fds[1].revents & (POLLIN | POLLHUP))) {
      char c = 0;
      if (read(STDIN_FILENO, &c, 1) <= 0 || c == 'q' || c == 'Q') break;
    }
  }
  close(sfd);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto options = parse_monitor_options(args);
  if (!options) {
    std::cerr << "crm_mon: " << options.error_message() << "\n" << monitor_usage();
    return 64;
  }
  if (options->help) {
    std::cout << monitor_usage();
    return 0;
  }
  if (options->version) {
    std::cout << "crm_mon (pacer) " << PACER_VERSION << "\n";
    return 0;
  }
  if (options->daemonize) {
    if (daemon(0, 0) != 0) {
      std::perror("crm_mon: daemon");
      return 1;
    }
    if (!options->pid_file.empty()) {
      RealFileSystem fs;
      (void)fs.write_file_atomic(options->pid_file, std::to_string(getpid()) + "\n", 0644);
    }
  }
  if (!options->cib_file.empty()) {
    auto source = file_cib_source(options->cib_file);
    return run(*options, *source);
  }
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    std::cerr << "crm_mon: " << loop.error_message() << "\n";
    return 1;
  }
  auto source = client_cib_source(**loop);
  return run(*options, *source);
}
