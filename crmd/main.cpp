// crmd (installed as ${PACER_LIBEXECDIR}/crmd, Pacemaker 1.0's name; started by heartbeatd's
// `pacemaker on` table as hacluster, failfast): wiring only — heartbeatd, cibd, lrmd, attrd, the
// pengine child and the "pacer-crmd" IPC service around the Controller core.
//
//   crmd [-V] [--service NAME]
//
// Exit codes: 0 after a clean shutdown; 2 after an internal error (lost lrmd or pengine: 1.0's
// "Could not recover from internal error"), which makes heartbeatd reboot the node; 1 when a
// connection cannot be made at start-up.
//
// The same binary is the pengine child: started as argv[0] "pengine" with PACER_PENGINE_FD set
// (pengine_process.h), it serves the policy engine instead.
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "common/daemon_support.h"
#include "crmd/controller.h"
#include "crmd/daemon_ports.h"
#include "crmd/fencing_stonithd.h"
#include "crmd/pengine_child.h"
#include "crmd/pengine_process.h"
#include "crmd/status_service.h"

namespace {

using namespace pacer;

template <typename Connect>
auto connect_with_retries(Logger& logger, const char* what, Connect connect) -> decltype(connect()) {
  // cibd and lrmd are started just before crmd and may not listen yet.
  for (int attempt = 1;; ++attempt) {
    auto client = connect();
    if (client || attempt >= 60) return client;
    if (attempt == 1) logger.info("do_{}_register: {} not available yet ({}); retrying", what, what,
                                  client.error_message());
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

std::string random_uuid() {
  std::ifstream in("/proc/sys/kernel/random/uuid");
  std::string uuid;
  std::getline(in, uuid);
  return uuid.empty() ? fmt::format("crmd-{}", ::getpid()) : uuid;
}

std::string self_executable() {
  char buffer[4096];
  ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : "/proc/self/exe";
}

int run_pengine() {
  RealClock clock;
  Logger logger(daemon_log_settings("pengine", 0), clock);
  RealFileSystem fs;
  std::string dir = real_getenv("PACER_PE_DIR").value_or("/var/lib/pacer/pengine");
  return crmd::run_pengine_child(std::atoi(std::getenv(crmd::kPengineFdVariable)), fs, dir, logger);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pacer;
  std::string name = argc > 0 ? argv[0] : "";
  if (std::getenv(crmd::kPengineFdVariable) && name.substr(name.rfind('/') + 1) == "pengine")
    return run_pengine();

  auto args = parse_service_daemon_args(argc, argv, real_getenv("PACER_CRMD_SERVICE").value_or(crmd::kCrmdServiceName));
  if (!args) return 64;
  const std::string& service = args->service;
  const int verbose = args->verbose;
  umask(0027);
  RealClock clock;
  Logger logger(daemon_log_settings("crmd", verbose), clock);
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    logger.error("{}", loop.error_message());
    return 1;
  }
  auto hb = heartbeat::HeartbeatClient::connect(**loop, "crmd");
  if (!hb) {
    logger.error("crm_cluster_connect: Cannot sign on with heartbeat: {}", hb.error_message());
    return 1;
  }
  auto cib = connect_with_retries(logger, "cib", [&] { return cib::connect_cib(**loop); });
  if (!cib) {
    logger.error("do_cib_control: Could not connect to the CIB service: {}", cib.error_message());
    return 1;
  }
  auto lrm = connect_with_retries(logger, "lrm", [&] { return lrmd::LrmdClient::connect(**loop); });
  if (!lrm) {
    logger.error("do_lrm_control: Failed to sign on to the LRM: {}", lrm.error_message());
    return 1;
  }

  crmd::ControllerConfig config;
  config.node = (*hb)->identity().node();
  config.uuid = (*hb)->identity().uuid();
  config.te_uuid = random_uuid();
  std::optional<proto::hbapi::Membership> initial;
  if (auto status = (*hb)->status()) {
    for (const auto& n : status->nodes())
      if (n.type() != "ping") config.configured_nodes.insert(n.node());
    initial = status->membership();
  }
  logger.info("crmd_init: Starting crmd on {} ({}), te-uuid {}", config.node, config.uuid, config.te_uuid);

  crmd::HeartbeatPeers peers(**hb, logger);
  crmd::LrmdPort lrm_port(**lrm);
  crmd::CibClientPort cib_port(**cib);
  crmd::AttrdSenderPort attrd_port(**loop);
  crmd::LoggerSink log_sink(logger);
  crmd::Controller* controller_ptr = nullptr;
  std::function<void()> after;
  crmd::PengineProcess pe(
      **loop, self_executable(),
      [&](std::uint64_t ref, const Result<crmd::PeReply>& reply) { controller_ptr->on_pe_reply(ref, reply); after(); },
      [&](int pid, int sig, int code) { controller_ptr->on_pe_exit(pid, sig, code); after(); });
  crmd::StonithdFencing fencing(**loop);
  crmd::Controller controller(config, {peers, lrm_port, cib_port, pe, attrd_port, log_sink, &fencing}, clock);
  controller_ptr = &controller;

  // After every input: stop when the controller is done, else wake at its next deadline.
  std::optional<ipc::TimerId> timer;
  after = [&] {
    if (controller.exit_code()) {
      (*loop)->stop();
      return;
    }
    if (timer) (*loop)->cancel_timer(*timer);
    timer.reset();
    if (auto next = controller.next_deadline()) {
      auto delay = std::chrono::duration_cast<Millis>(*next - clock.monotonic());
      timer = (*loop)->add_timer(std::max(delay, Millis(0)) + Millis(1), [&] {
        timer.reset();
        controller.on_timer();
        after();
      });
    }
  };

  (*hb)->on_message([&](const proto::hbapi::Delivered& m) {
    if (m.to_client() != "crmd") return;
    proto::crmd::CrmdMessage message;
    if (!message.ParseFromString(m.data())) {
      logger.warn("crmd_ha_msg_callback: Dropping a malformed message from {}", m.from_node());
      return;
    }
    controller.on_message(m.from_node(), message);
    after();
  });
  (*hb)->on_membership([&](const proto::hbapi::Membership& m) {
    controller.on_membership(m.instance(), std::set<std::string>(m.members().begin(), m.members().end()),
                             m.quorate());
    after();
  });
  (*hb)->on_node_status([&](const proto::hbapi::NodeStatus& s) {
    if (s.type() == "ping") return;
    controller.on_node_status(s.node(), s.uuid(), s.status());
    after();
  });
  bool hb_lost = false;
  (*hb)->on_disconnect([&](const Status& why) {
    logger.crit("crmd_ha_connection_destroy: Lost connection to heartbeat service: {}", why.message());
    hb_lost = true;
    (*loop)->stop();
  });
  (*lrm)->on_result([&](const lrmd::OperationResult& r) { controller.on_lrm_result(r); after(); });
  (*lrm)->on_disconnect([&](const Status&) { controller.on_lrm_lost(); after(); });
  auto subscribed = (*cib)->subscribe([&](const cib::CibChange& change) {
    controller.on_cib_change(change.after, change.configuration_changed);
    after();
  });
  if (!subscribed) logger.warn("do_cib_control: No CIB notifications: {}", subscribed.error_message());
  for (int signo : {SIGTERM, SIGINT})
    (void)(*loop)->on_signal(signo, [&](const signalfd_siginfo&) { controller.on_shutdown_request(); after(); });
  (void)(*loop)->on_signal(SIGPIPE, [](const signalfd_siginfo&) {});

  auto server = crmd::StatusService::start(**loop, service, controller,
                                           [&logger](std::string_view line) { logger.info("{}", line); });
  if (!server) logger.warn("crmd_init: No IPC service '{}': {}", service, server.error_message());

  controller.start();
  if (initial && initial->instance() > 0)
    controller.on_membership(initial->instance(),
                             std::set<std::string>(initial->members().begin(), initial->members().end()),
                             initial->quorate());
  after();
  Status ran = (*loop)->run();
  if (hb_lost) return 2;
  if (auto code = controller.exit_code()) return *code;
  return ran ? 0 : 2;
}
