// stonithd (installed as ${PACER_LIBEXECDIR}/stonithd, started as root by heartbeatd's `pacemaker
// on` table and respawned when it dies): wiring only — heartbeatd for the other nodes' stonithd,
// the "pacer-stonithd" IPC service, the plugin executor, and the Fencer between them.
//
//   stonithd [-V] [--service NAME] [--stonith PATH] [--fence-agent-dir DIR] [--standalone]
//
// --standalone runs without heartbeatd (no other nodes; for tests and single-node use). Losing
// heartbeatd ends stonithd with exit 1: heartbeatd restarts it once it is back.
#include <getopt.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <csignal>

#include <fmt/format.h>

#include "common/daemon_support.h"
#include "common/ipc/peer_policy.h"
#include "heartbeatd/client/heartbeat_client.h"
#include "stonithd/stonithd_protocol.h"
#include "stonithd/stonithd_service.h"
#include "stonithd/thread_plugin_executor.h"

extern char** environ;

int main(int argc, char** argv) {
  using namespace pacer;
  int verbose = 0;
  bool standalone = false;
  std::string service = real_getenv("PACER_STONITHD_SERVICE").value_or(stonithd::kStonithdServiceName);
  stonithd::PluginPaths paths;
  paths.stonith_command = PACER_STONITH_COMMAND;
  static const option long_options[] = {{"service", required_argument, nullptr, 'n'},
                                        {"stonith", required_argument, nullptr, 's'},
                                        {"fence-agent-dir", required_argument, nullptr, 'f'},
                                        {"standalone", no_argument, nullptr, 'S'},
                                        {"verbose", no_argument, nullptr, 'V'},
                                        {nullptr, 0, nullptr, 0}};
  for (int c; (c = getopt_long(argc, argv, "n:s:f:SV", long_options, nullptr)) != -1;) {
    switch (c) {
      case 'n': service = optarg; break;
      case 's': paths.stonith_command = optarg; break;
      case 'f': paths.fence_agent_dir = optarg; break;
      case 'S': standalone = true; break;
      case 'V': ++verbose; break;
      default:
        fmt::print(stderr, "usage: {} [-V] [--service NAME] [--stonith PATH] [--fence-agent-dir DIR] "
                           "[--standalone]\n", argv[0]);
        return 64;
    }
  }
  // Plugins log through cluster-glue's ha_log.sh: give them heartbeatd's logging settings.
  // pacer has no logd: without HA_LOGD=no ha_log.sh tries it first and prints "logd is not running".
  bool logd_set = false;
  for (char** e = environ; e && *e; ++e)
    if (std::string_view(*e).starts_with("HA_")) {
      paths.base_env.emplace_back(*e);
      logd_set = logd_set || std::string_view(*e).starts_with("HA_LOGD=");
    }
  if (!logd_set) paths.base_env.emplace_back("HA_LOGD=no");
  umask(0022);
  RealClock clock;
  Logger logger(daemon_log_settings("stonithd", verbose), clock);
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    logger.error("{}", loop.error_message());
    return 1;
  }
  std::unique_ptr<heartbeat::HeartbeatClient> hb;
  std::string self;
  if (!standalone) {
    auto connected = heartbeat::HeartbeatClient::connect(**loop, stonithd::kStonithdPeerClient);
    if (!connected) {
      logger.error("Cannot sign on with heartbeat: {}", connected.error_message());
      return 1;
    }
    hb = std::move(*connected);
    self = hb->identity().node();
  } else {
    utsname u{};
    uname(&u);
    self = u.nodename;
  }
  auto executor = stonithd::ThreadPluginExecutor::create(**loop);
  if (!executor) {
    logger.error("{}", executor.error_message());
    return 1;
  }
  lrmd::EventLoopTimers timers(**loop);
  std::unique_ptr<ipc::IpcServer> server;
  stonithd::FencerSeams seams{
      timers, **executor, clock,
      [&hb](const std::string& node, const std::string& bytes) {
        if (!hb) return Status::ok();
        return hb->send(node, stonithd::kStonithdPeerClient, bytes);
      },
      [&logger](LogLevel level, std::string_view line) { logger.log(level, line); },
      [&server](const proto::stonithd::HistoryEntry& entry) {
        if (server) server->broadcast(ipc::make_message(stonithd::kFencedEvent, entry));
      }};
  stonithd::Fencer fencer(self, paths, std::move(seams));
  if (hb)
    hb->on_message([&fencer](const proto::hbapi::Delivered& m) {
      if (m.to_client() == stonithd::kStonithdPeerClient && m.data().size() <= stonithd::kMaxPeerMessage)
        fencer.peer_message(m.from_node(), m.data());
    });

  ipc::IpcServerOptions options;
  options.name = service;
  options.policy = ipc::cluster_peer_policy([&logger](std::string_view line) { logger.warn("{}", line); });
  options.log = [&logger](std::string_view line) { logger.info("{}", line); };
  auto started = ipc::IpcServer::start(**loop, std::move(options));
  if (!started) {
    logger.error("Cannot start the IPC service '{}': {}", service, started.error_message());
    return 1;
  }
  server = std::move(*started);
  stonithd::register_stonithd_handlers(*server, fencer);
  for (int signo : {SIGTERM, SIGINT})
    (void)(*loop)->on_signal(signo, [&](const signalfd_siginfo&) { (*loop)->stop(); });
  bool hb_lost = false;
  if (hb)
    hb->on_disconnect([&](const Status& why) {
      logger.crit("Lost connection to heartbeat service: {}", why.message());
      hb_lost = true;
      (*loop)->stop();
    });
  logger.info("stonithd ready on '{}' as {} (plugins through {})", service, self, paths.stonith_command);
  Status ran = (*loop)->run();
  logger.info("Exiting stonithd");
  server.reset();
  return ran && !hb_lost ? 0 : 1;
}
