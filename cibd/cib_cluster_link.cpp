// Wiring of heartbeatd's client events to the replicator.
#include "cibd/cib_cluster_link.h"

#include <fmt/format.h>

namespace pacer::cib {
namespace {

std::vector<std::string> members_of(const proto::hbapi::Membership& m) {
  return {m.members().begin(), m.members().end()};
}

}  // namespace

Result<std::unique_ptr<CibClusterLink>> CibClusterLink::connect(ipc::EventLoop& loop, CibStore& store,
                                                                CibServer& server, CibLog log,
                                                                const std::string& service) {
  auto client = heartbeat::HeartbeatClient::connect(loop, "cib", service);
  if (!client) return client.status();
  auto self = std::make_unique<CibClusterLink>(Private{}, server);
  self->client_ = std::move(*client);
  heartbeat::HeartbeatClient* hb = self->client_.get();
  std::string node = hb->identity().node();
  self->replicator_ = std::make_unique<CibReplicator>(
      node, store,
      [hb](const std::string& to, const std::string& bytes) { return hb->send(to, "cib", bytes); }, log);
  CibReplicator* rep = self->replicator_.get();
  hb->on_message([rep](const proto::hbapi::Delivered& d) { rep->receive(d.from_node(), d.data()); });
  hb->on_membership([rep](const proto::hbapi::Membership& m) { rep->set_membership(members_of(m), m.leader()); });
  hb->on_disconnect([rep, log](const Status& why) {
    // Without heartbeatd there are no peers: carry on as a single node.
    if (log) log(LogLevel::warn, fmt::format("Lost heartbeatd ({}); the CIB is local only", why.message()));
    rep->set_membership({}, "");
  });
  // The membership as it is now: events only report later changes.
  if (auto status = hb->status(); status && status->membership().members_size() > 0)
    rep->set_membership(members_of(status->membership()), status->membership().leader());
  // The loop does not run after the link is destroyed (main resets it after run() returns).
  (void)loop.add_repeating_timer(Millis(3000), [rep] { rep->announce(); });
  server.set_submit([rep](const CibRequest& request, std::function<void(Result<CibReplyData>)> done) {
    rep->submit(request, std::move(done));
  });
  if (log) log(LogLevel::info, fmt::format("Replicating the CIB through heartbeatd as node {}", node));
  return self;
}

CibClusterLink::~CibClusterLink() { server_.set_submit(nullptr); }

}  // namespace pacer::cib
