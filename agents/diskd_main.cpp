// diskd (installed as ${PACER_LIBEXECDIR}/diskd, started by the ocf:pacemaker:diskd agent): wiring
// only. Every interval one disk_round, the check running in a child of this same binary
// (`diskd --probe-read DEV` / `--probe-write DIR`) so that a hung device costs a timeout, not the
// daemon. The attribute (normal/ERROR) is sent to attrd every round, as pm_diskd did.
#include <csignal>
#include <functional>
#include <thread>

#include <fmt/format.h>

#include "agents/disk_probe.h"
#include "agents/disk_round.h"
#include "agents/diskd_options.h"
#include "attrd/client/attrd_client.h"
#include "common/daemon_support.h"

int main(int argc, char** argv) {
  using namespace pacer;
  if (argc == 3 && (std::string_view(argv[1]) == "--probe-read" || std::string_view(argv[1]) == "--probe-write")) {
    Status s = std::string_view(argv[1]) == "--probe-read" ? agents::probe_read(argv[2])
                                                          : agents::probe_write(argv[2]);
    if (!s) fmt::print(stderr, "{}\n", s.message());
    return s ? 0 : 1;
  }
  auto options = agents::parse_diskd_args(std::vector<std::string>(argv + 1, argv + argc));
  if (!options) {
    fmt::print(stderr, "diskd: {}\n", options.error_message());
    return 64;
  }
  if (options->daemonize && !options->oneshot)
    if (Status s = daemonize(); !s) {
      fmt::print(stderr, "diskd: {}\n", s.message());
      return 1;
    }
  RealClock clock;
  Logger logger(daemon_log_settings("diskd", options->verbose), clock);
  std::unique_ptr<PidFile> pidfile;
  if (!options->pidfile.empty() && !options->oneshot) {
    auto p = PidFile::create(options->pidfile);
    if (!p) {
      logger.error("{}", p.error_message());
      return 1;
    }
    pidfile = std::move(*p);
  }
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    logger.error("{}", loop.error_message());
    return 1;
  }
  for (int signo : {SIGTERM, SIGINT})
    (void)(*loop)->on_signal(signo, [&](const signalfd_siginfo&) { (*loop)->stop(); });

  const std::string mode = options->write_check ? "--probe-write" : "--probe-read";
  attrd::AttributeSender sender(**loop);
  std::optional<agents::DiskStatus> last;
  auto check_once = [&]() -> agents::DiskStatus {
    auto r = agents::disk_round(
        [&] { return agents::run_probe_with_timeout("/proc/self/exe", mode, options->target(), options->timeout); },
        [](Millis wait) { std::this_thread::sleep_for(wait); }, options->policy);
    if (r.status == agents::DiskStatus::error) {
      logger.warn("{}", agents::disk_status_line(options->name, options->target(), r.status));
      logger.debug("last failure after {} attempt(s): {}", r.attempts, r.last_error);
    } else if (last == agents::DiskStatus::error) {
      logger.info("{}", agents::disk_status_line(options->name, options->target(), r.status));
    }
    last = r.status;
    attrd::AttributeUpdate u;
    u.name = options->name;
    u.value = std::string(agents::disk_status_text(r.status));
    u.dampen = options->dampen;
    if (Status s = sender.send(u); !s) logger.warn("Could not update {}: {}", options->name, s.message());
    return r.status;
  };
  if (options->oneshot) return check_once() == agents::DiskStatus::normal ? 0 : 1;

  logger.info("Starting diskd: {} checks {} every {} s", options->name, options->target(),
              options->interval.count() / 1000);
  std::function<void()> round;
  round = [&] {
    check_once();
    (*loop)->add_timer(options->interval, round);
  };
  round();
  Status ran = (*loop)->run();
  logger.info("Exiting diskd");
  return ran ? 0 : 1;
}
