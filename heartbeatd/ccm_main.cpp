// ccm: the consensus membership daemon, a heartbeat client (failfast: its death reboots the node).
// It turns heartbeat's node status events into one agreed membership per partition
// (membership.h) and reports each new one to heartbeatd, which tells every client.
#include <signal.h>

#include <set>

#include "common/daemon_support.h"
#include "common/ipc/event_loop.h"
#include "common/log.h"
#include "heartbeatd/client/heartbeat_client.h"
#include "heartbeatd/membership.h"

namespace {

using namespace pacer;
using namespace pacer::heartbeat;


proto::hbapi::Membership to_proto(const CcmMembership& m, bool quorate) {
  proto::hbapi::Membership out;
  out.set_instance(m.instance);
  out.set_leader(m.leader);
  for (const auto& n : m.members) out.add_members(n);
  out.set_quorate(quorate);
  return out;
}

class CcmDaemon {
 public:
  CcmDaemon(HeartbeatClient& client, Logger& log, size_t configured)
      : client_(client), log_(log), membership_(client.identity().node(), configured) {}

  void set_alive(const std::string& node, bool alive) {
    if (alive) alive_.insert(node); else alive_.erase(node);
    handle(membership_.set_heard(alive_));
  }

  void on_message(const proto::hbapi::Delivered& m) {
    proto::hbapi::CcmMessage message;
    if (!message.ParseFromString(m.data())) {
      log_.warn("malformed ccm message from {}", m.from_node());
      return;
    }
    if (message.has_view()) {
      CcmView view{{message.view().hears().begin(), message.view().hears().end()},
                   message.view().highest_instance()};
      handle(membership_.on_view(m.from_node(), view));
    } else if (message.has_membership()) {
      const auto& p = message.membership();
      CcmMembership cm{p.instance(), p.leader(), {p.members().begin(), p.members().end()}};
      handle(membership_.on_membership(m.from_node(), cm));
    }
  }

  // Views are re-sent now and then: cheap, and it heals anything a restart of a peer missed.
  void resend_view() { handle(CcmOutput{CcmView{alive_, 0}, std::nullopt, std::nullopt}); }

 private:
  void handle(const CcmOutput& out) {
    if (out.view) {
      proto::hbapi::CcmMessage m;
      for (const auto& n : out.view->hears) m.mutable_view()->add_hears(n);
      m.mutable_view()->set_highest_instance(out.view->highest_instance);
      broadcast(m);
    }
    if (out.announce) {
      proto::hbapi::CcmMessage m;
      *m.mutable_membership() = to_proto(*out.announce, false);
      broadcast(m);
    }
    if (out.changed) {
      auto p = to_proto(*out.changed, membership_.quorate());
      log_.info("New membership instance {} with {} member(s), leader {}; {}", p.instance(),
                p.members_size(), p.leader(), p.quorate() ? "quorum" : "no quorum");
      if (auto s = client_.set_membership(p); !s) log_.error("reporting membership: {}", s.message());
    }
  }
  void broadcast(const proto::hbapi::CcmMessage& m) {
    if (auto s = client_.send("", "ccm", m.SerializeAsString()); !s)
      log_.error("{}", s.message());
  }

  HeartbeatClient& client_;
  Logger& log_;
  Membership membership_;
  std::set<std::string> alive_;
};

}  // namespace

int main() {
  RealClock clock;
  Logger log(daemon_log_settings("ccm", 0), clock);
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) {
    log.error("{}", loop.error_message());
    return 1;
  }
  auto client = HeartbeatClient::connect(**loop, "ccm");
  if (!client) {
    log.error("{}", client.error_message());
    return 1;
  }
  auto status = (*client)->status();
  if (!status) {
    log.error("{}", status.error_message());
    return 1;
  }
  size_t configured = 0;
  for (const auto& n : status->nodes())
    if (n.type() == "normal") ++configured;
  CcmDaemon ccm(**client, log, configured);
  (*client)->on_message([&](const proto::hbapi::Delivered& m) { ccm.on_message(m); });
  (*client)->on_node_status([&](const proto::hbapi::NodeStatus& n) {
    ccm.set_alive(n.node(), n.status() == "active");
  });
  (*client)->on_disconnect([&](const Status& why) {
    log.crit("Lost connection to heartbeat: {}", why.message());
    std::exit(1);
  });
  for (const auto& n : status->nodes())
    if (n.type() == "normal") ccm.set_alive(n.node(), n.status() == "active" || n.node() == status->local_node());
  (*loop)->add_repeating_timer(Millis(5000), [&] { ccm.resend_view(); });
  (void)(*loop)->on_signal(SIGTERM, [&](const signalfd_siginfo&) { (*loop)->stop(); });
  if (auto s = (*loop)->run(); !s) {
    log.error("{}", s.message());
    return 1;
  }
  return 0;
}
