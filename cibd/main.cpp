// cibd (installed as ${PACER_LIBEXECDIR}/cib, Pacemaker 1.0's name for it): wiring only — the
// real filesystem, clock, logger, event loop and IPC policy around CibStore and CibServer.
//
//   cib [--state-dir DIR] [--service NAME] [--max-backups N] [-V]
//
// DIR defaults to $PACER_CIB_DIR, else /var/lib/pacer/cib; NAME to $PACER_CIB_SERVICE, else
// "pacer-cib" (tests run private instances). Runs as whoever started it: heartbeatd starts it as
// hacluster; root works too. SIGTERM/SIGINT end it cleanly.
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "cibd/cib_cluster_link.h"
#include "cibd/cib_persistence.h"
#include "cibd/cib_protocol.h"
#include "cibd/cib_server.h"
#include "cibd/cib_store.h"
#include "common/clock.h"
#include "common/file_system.h"
#include "common/ipc/event_loop.h"
#include "common/ipc/peer_policy.h"
#include "common/log.h"

#ifndef PACER_DEFAULT_CIB_DIR
#define PACER_DEFAULT_CIB_DIR "/var/lib/pacer/cib"
#endif

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pacer;
  std::string state_dir = env_or("PACER_CIB_DIR", PACER_DEFAULT_CIB_DIR);
  std::string service = env_or("PACER_CIB_SERVICE", cib::kCibDefaultService);
  int max_backups = 10;
  int debug = 0;
  static const option long_options[] = {{"state-dir", required_argument, nullptr, 's'},
                                        {"service", required_argument, nullptr, 'n'},
                                        {"max-backups", required_argument, nullptr, 'b'},
                                        {"verbose", no_argument, nullptr, 'V'},
                                        {nullptr, 0, nullptr, 0}};
  for (int c; (c = getopt_long(argc, argv, "s:n:b:V", long_options, nullptr)) != -1;) {
    switch (c) {
      case 's': state_dir = optarg; break;
      case 'n': service = optarg; break;
      case 'b': max_backups = std::atoi(optarg); break;
      case 'V': ++debug; break;
      default:
        fmt::print(stderr, "usage: {} [--state-dir DIR] [--service NAME] [--max-backups N] [-V]\n", argv[0]);
        return 64;
    }
  }
  umask(0027);
  RealClock clock;
  LogSettings settings;
  settings.entity = "cib";
  settings.to_stderr = true;
  settings.debug_level = debug;
  Logger logger(settings, clock);
  cib::CibLog log = [&logger](LogLevel level, std::string_view line) { logger.log(level, line); };

  RealFileSystem fs;
  cib::CibPersistence persistence(fs, {state_dir, max_backups}, log);
  auto loaded = persistence.load();
  if (!loaded) {
    logger.error("Cannot use the CIB directory {}: {}", state_dir, loaded.error_message());
    return 1;
  }
  cib::CibStore store(std::move(loaded->document), &persistence);
  logger.info("Loaded the CIB from {} (version {})", loaded->source, store.version().to_string());

  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    logger.error("{}", loop.error_message());
    return 1;
  }
  ipc::IpcServerOptions options;
  options.name = service;
  options.policy = ipc::cluster_peer_policy([&logger](std::string_view line) { logger.warn("{}", line); });
  options.max_frame = cib::kCibMaxFrame;
  options.log = [&logger](std::string_view line) { logger.info("{}", line); };
  auto server = cib::CibServer::start(**loop, store, std::move(options));
  if (!server) {
    logger.error("Cannot start the IPC service '{}': {}", service, server.error_message());
    return 1;
  }
  // Replication through heartbeatd (cib_replicator.h); alone when heartbeatd is not there.
  std::unique_ptr<cib::CibClusterLink> cluster;
  if (auto link = cib::CibClusterLink::connect(**loop, store, **server, log,
                                               env_or("PACER_HEARTBEAT_SERVICE", heartbeat::kHeartbeatServiceName))) {
    cluster = std::move(*link);
  } else {
    logger.info("No heartbeatd ({}): the CIB is not replicated", link.error_message());
  }
  for (int signo : {SIGTERM, SIGINT})
    (void)(*loop)->on_signal(signo, [&](const signalfd_siginfo&) { (*loop)->stop(); });
  logger.info("Serving the CIB on '{}' from {}", service, state_dir);
  // Tests wait for this line on stdout before connecting.
  fmt::print("cib: ready\n");
  std::fflush(stdout);
  Status ran = (*loop)->run();
  cluster.reset();
  logger.info("Shutting down: CIB version {}", store.version().to_string());
  return ran ? 0 : 1;
}
