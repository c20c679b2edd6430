// attrd (installed as ${PACER_LIBEXECDIR}/attrd, started by heartbeatd's `pacemaker on` table as
// hacluster and respawned when it dies): wiring only — heartbeatd for the peers, the local cibd,
// the "pacer-attrd" IPC service, and AttrdCore between them.
//
//   attrd [-V] [--service NAME]
//
// NAME defaults to $PACER_ATTRD_SERVICE, else "pacer-attrd". Losing heartbeatd ends attrd (with
// exit 1): heartbeatd restarts it once it is back, and a lone attrd could not relay anyway.
#include <sys/stat.h>

#include <csignal>
#include <cstdlib>


#include "attrd/attrd_cib_connection.h"
#include "attrd/attrd_core.h"
#include "attrd/attrd_service.h"
#include "common/daemon_support.h"
#include "common/ipc/peer_policy.h"
#include "heartbeatd/client/heartbeat_client.h"

int main(int argc, char** argv) {
  using namespace pacer;
  auto args = parse_service_daemon_args(argc, argv, real_getenv("PACER_ATTRD_SERVICE").value_or(attrd::kAttrdServiceName));
  if (!args) return 64;
  const std::string& service = args->service;
  const int verbose = args->verbose;
  umask(0027);
  RealClock clock;
  Logger logger(daemon_log_settings("attrd", verbose), clock);
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    logger.error("{}", loop.error_message());
    return 1;
  }
  auto hb = heartbeat::HeartbeatClient::connect(**loop, attrd::kAttrdPeerClient);
  if (!hb) {
    logger.error("Cannot sign on with heartbeat: {}", hb.error_message());
    return 1;
  }
  attrd::NodeIdentity self{(*hb)->identity().node(), (*hb)->identity().uuid()};
  logger.info("Starting attrd on {} ({})", self.name, self.uuid);

  attrd::AttrdCibConnection cib(**loop);
  attrd::LoopTimers timers(**loop);
  attrd::AttrdSeams seams{
      timers,
      [&cib](const cib::CibRequest& r) { return cib.perform(r); },
      [&hb](const std::string& node, const std::string& bytes) {
        return (*hb)->send(node, attrd::kAttrdPeerClient, bytes);
      },
      [&logger](LogLevel level, std::string_view line) { logger.log(level, line); }};
  attrd::AttrdCore core(self, std::move(seams));

  (*hb)->on_message([&core](const proto::hbapi::Delivered& m) {
    if (m.to_client() == attrd::kAttrdPeerClient) core.peer_message(m.from_node(), m.data());
  });
  (*hb)->on_node_status([&core, &self](const proto::hbapi::NodeStatus& s) {
    if (s.status() == "dead") core.peer_lost(s.node());
    else if (s.status() == "active" && s.node() != self.name) core.announce_all(s.node());
  });

  // What the CIB holds for this node from before this attrd started (a respawn): kept, so value++
  // continues from it and nothing is rewritten. cibd may not answer yet: try every second.
  std::function<void()> load_existing;
  load_existing = [&] {
    auto existing = cib.query(attrd::transient_query(self));
    auto parsed = existing ? attrd::parse_transient_attributes(*existing)
                           : Result<std::map<std::string, std::string>>(existing.status());
    if (!parsed) {
      logger.debug("CIB not readable yet: {}", parsed.error_message());
      (*loop)->add_timer(Millis(1000), load_existing);
      return;
    }
    core.load(*parsed);
    core.announce_all("");
    logger.info("Read {} attribute(s) of {} from the CIB", parsed->size(), self.name);
  };
  load_existing();

  ipc::IpcServerOptions options;
  options.name = service;
  options.policy = ipc::cluster_peer_policy([&logger](std::string_view line) { logger.warn("{}", line); });
  options.log = [&logger](std::string_view line) { logger.info("{}", line); };
  auto server = ipc::IpcServer::start(**loop, std::move(options));
  if (!server) {
    logger.error("Cannot start the IPC service '{}': {}", service, server.error_message());
    return 1;
  }
  attrd::register_attrd_handlers(**server, core);
  for (int signo : {SIGTERM, SIGINT})
    (void)(*loop)->on_signal(signo, [&](const signalfd_siginfo&) { (*loop)->stop(); });
  logger.info("attrd ready on '{}'", service);
  bool hb_lost = false;
  (*hb)->on_disconnect([&](const Status& why) {
    logger.crit("Lost connection to heartbeat service: {}", why.message());
    hb_lost = true;
    (*loop)->stop();
  });
  Status ran = (*loop)->run();
  logger.info("Exiting attrd");
  return ran && !hb_lost ? 0 : 1;
}
