// pingd (installed as ${PACER_LIBEXECDIR}/pingd, started by the ocf:pacemaker:pingd agent): wiring
// only. Every interval one ping_round over host_list through a raw ICMP socket, and the score sent
// to attrd with the configured dampening. The score is sent every round, not only on a change:
// attrd writes nothing for a value it has, and a respawned attrd relearns it within one interval.
#include <csignal>
#include <functional>

#include <fmt/format.h>

#include "agents/icmp_probe.h"
#include "agents/ping_round.h"
#include "agents/pingd_options.h"
#include "attrd/client/attrd_client.h"
#include "common/daemon_support.h"

int main(int argc, char** argv) {
  using namespace pacer;
  auto options = agents::parse_pingd_args(std::vector<std::string>(argv + 1, argv + argc));
  if (!options) {
    fmt::print(stderr, "pingd: {}\n", options.error_message());
    return 64;
  }
  auto probe = agents::IcmpProbe::open(options->timeout);
  if (!probe) {
    fmt::print(stderr, "pingd: {}\n", probe.error_message());
    return 1;
  }
  if (options->daemonize)
    if (Status s = daemonize(); !s) {
      fmt::print(stderr, "pingd: {}\n", s.message());
      return 1;
    }
  RealClock clock;
  Logger logger(daemon_log_settings("pingd", options->verbose), clock);
  std::unique_ptr<PidFile> pidfile;
  if (!options->pidfile.empty()) {
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
  logger.info("Starting pingd: {} = {} x reachable of {} host(s)", options->name, options->multiplier,
              options->hosts.size());

  attrd::AttributeSender sender(**loop);
  std::optional<long long> last_score;
  std::function<void()> round;
  round = [&] {
    auto r = agents::ping_round(options->hosts, options->attempts, options->multiplier,
                                [&](const std::string& host) { return probe->probe(host); });
    for (const auto& line : r.log_lines) logger.info("{}", line);
    if (last_score != r.score)
      logger.info("{} = {} ({} of {} host(s) reachable)", options->name, r.score, r.reachable,
                  options->hosts.size());
    last_score = r.score;
    attrd::AttributeUpdate u;
    u.name = options->name;
    u.value = std::to_string(r.score);
    u.dampen = options->dampen;
    if (Status s = sender.send(u); !s) logger.warn("Could not update {}: {}", options->name, s.message());
    (*loop)->add_timer(options->interval, round);
  };
  round();
  Status ran = (*loop)->run();
  logger.info("Exiting pingd");
  return ran ? 0 : 1;
}
