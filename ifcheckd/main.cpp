// ifcheckd (installed as ${PACER_LIBEXECDIR}/ifcheckd, started by an ha.cf `respawn` line as root):
// wiring only. Waits for a DC in the local CIB (unless --no-dc-wait), signs on with heartbeatd,
// walks the nodes and their links, and keeps LinkAttributes' `<peer>-<if>` attributes in attrd.
// Changes are batched by a 1 s timer, as pm_extras' ifcheckd did. Every 10 s (and after attrd
// came back) all values are sent again: a respawned attrd must relearn them, and attrd writes
// nothing for a value it already has.
#include <cstdio>
#include <csignal>
#include <memory>

#include <fmt/format.h>

#include "attrd/client/attrd_client.h"
#include "common/daemon_support.h"
#include "cibd/cib_client.h"
#include "heartbeatd/client/heartbeat_client.h"
#include "ifcheckd/dc_recorded.h"
#include "ifcheckd/ifcheckd_options.h"
#include "ifcheckd/link_attributes.h"

namespace {

constexpr pacer::Millis kBatch{1000};
constexpr pacer::Millis kResend{10000};
constexpr pacer::Millis kDcPoll{1000};

}  // namespace

int main(int argc, char** argv) {
  using namespace pacer;
  auto options = ifcheckd::parse_ifcheckd_args(std::vector<std::string>(argv + 1, argv + argc));
  if (!options) {
    fmt::print(stderr, "ifcheckd: {}\n{}", options.error_message(), ifcheckd::ifcheckd_usage());
    return 64;
  }
  if (options->help) {
    fmt::print("{}", ifcheckd::ifcheckd_usage());
    return 0;
  }
  if (options->version) {
    fmt::print("ifcheckd (pacer) {}\n", PACER_VERSION);
    return 0;
  }
  if (options->daemonize)
    if (Status s = daemonize(); !s) {
      fmt::print(stderr, "ifcheckd: {}\n", s.message());
      return 1;
    }
  RealClock clock;
  Logger logger(daemon_log_settings("ifcheckd", options->verbose), clock);
  auto pidfile = PidFile::create(options->pidfile);
  if (!pidfile) logger.warn("{}", pidfile.error_message());
  logger.info("Starting ifcheckd");
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    logger.error("{}", loop.error_message());
    return 1;
  }
  for (int signo : {SIGTERM, SIGINT})
    (void)(*loop)->on_signal(signo, [&](const signalfd_siginfo&) { (*loop)->stop(); });

  // Wait for a DC: poll the local CIB until its <cib> carries a dc-uuid.
  if (options->wait_for_dc) {
    logger.info("Waiting for a DC to be recorded in the CIB");
    bool have_dc = false;
    bool looping = false;
    std::unique_ptr<cib::CibClient> cib;
    std::function<void()> poll;
    poll = [&] {
      if (!cib) {
        auto c = cib::connect_cib(**loop);
        if (c) cib = std::move(*c);
      }
      if (cib) {
        auto answer = cib->perform(ifcheckd::cib_root_query());
        if (answer && ifcheckd::dc_recorded(answer->output)) {
          have_dc = true;
          // Only a running loop may be stopped: a stop() before run() is kept for the next
          // run(), which would then end the link watch below at once (a rebooted node's CIB
          // already records a DC on the first poll).
          if (looping) (*loop)->stop();
          return;
        }
        if (!answer) cib.reset();
      }
      (*loop)->add_timer(kDcPoll, poll);
    };
    poll();
    if (!have_dc) {
      looping = true;
      (void)(*loop)->run();
    }
    if (!have_dc) {
      logger.info("Exiting ifcheckd");
      return 0;
    }
    logger.info("A DC is recorded; watching the links");
  }

  auto hb = heartbeat::HeartbeatClient::connect(**loop, "ifcheckd");
  if (!hb) {
    logger.crit("Lost connection to heartbeat service!");
    logger.error("{}", hb.error_message());
    return 1;
  }
  ifcheckd::LinkAttributes links((*hb)->identity().node());
  attrd::AttributeSender sender(**loop);
  bool batch_pending = false;
  bool hb_lost = false;

  auto send = [&](const std::vector<attrd::AttributeUpdate>& updates) {
    bool resend = false;
    for (const auto& u : updates) {
      if (Status s = sender.send(u); !s) {
        logger.warn("Could not update {} through attrd: {}", u.name, s.message());
        continue;
      }
      if (sender.reconnected()) resend = true;
      logger.debug("Sent {}={}", u.name, u.value.value_or("(delete)"));
    }
    if (resend)
      for (const auto& u : links.resend_all(options->dampen)) (void)sender.send(u);
  };
  auto changed = [&] {
    if (batch_pending) return;
    batch_pending = true;
    (*loop)->add_timer(kBatch, [&] {
      batch_pending = false;
      send(links.take_changes(options->dampen));
    });
  };

  (*hb)->on_node_status([&](const proto::hbapi::NodeStatus& s) {
    links.node_status(s.node(), s.status(), s.type());
    changed();
  });
  (*hb)->on_link_status([&](const proto::hbapi::LinkStatus& s) {
    links.link_status(s.node(), s.interface(), s.status());
    changed();
  });
  (*hb)->on_disconnect([&](const Status&) {
    logger.crit("Lost connection to heartbeat service!");
    hb_lost = true;
    (*loop)->stop();
  });

  logger.info("Requesting the list of configured nodes");
  auto status = (*hb)->status();
  if (!status) {
    logger.crit("Lost connection to heartbeat service!");
    return 1;
  }
  for (const auto& n : status->nodes()) links.node_status(n.node(), n.status(), n.type());
  for (const auto& l : status->links()) links.link_status(l.node(), l.interface(), l.status());
  send(links.take_changes(options->dampen));
  (*loop)->add_repeating_timer(kResend, [&] { send(links.resend_all(options->dampen)); });

  Status ran = (*loop)->run();
  logger.info("Exiting ifcheckd");
  return ran && !hb_lost ? 0 : 1;
}
