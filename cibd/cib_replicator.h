// CibReplicator: keeps the CIB of every node the same, as Pacemaker 1.0 does. Pure: the transport
// (heartbeatd in the daemon, an in-memory queue in tests) is a Send function, and events come in
// through set_membership() and receive().
//
// Protocol (CibPeerMessage in proto/cib.proto):
//  * One copy is authoritative: the master's. As in Pacemaker 1.0, crmd makes its cib master when
//    it becomes DC and slave when it stops being DC (the cib_master/cib_slave requests); every
//    message a cib sends says whether it is master, so the others learn whom to forward to. Until
//    a master is claimed (no DC yet) the master is the membership leader heartbeatd's ccm reports,
//    so every node of one partition picks the same node without talking.
//  * A client update on the master is applied there and its diff broadcast (to every node, in the
//    master's order; heartbeatd keeps per-sender order). On any other node the update is forwarded
//    to the master, applied there first, and answered; the diff reaches the origin before the
//    answer (same sender, ordered), so the origin reads its own write.
//  * A diff that does not start at this copy's version is not applied: an old one (duplicate) is
//    ignored; one from the future (a diff was lost) makes this node ask the master for its whole
//    copy (SYNC_REQUEST), which the master sends forced.
//  * On every membership change each node announces (version, digest). Whoever holds a higher
//    version than an announcer sends it its whole copy; a receiver takes a copy only when it is
//    newer than its own, so all converge on the highest (admin_epoch, epoch, num_updates) in one
//    round. Equal versions with different contents (both sides of a partition made the same
//    number of updates) are settled by the master, whose forced copy wins.
//  * With no membership yet (or heartbeatd absent) this node is its own master: single node.
//
// Threading: single-threaded; the store must outlive the replicator.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cibd/cib_persistence.h"
#include "cibd/cib_store.h"
#include "cib.pb.h"

namespace pacer::cib {

class CibReplicator {
 public:
  // Delivers `bytes` to the cib of `node` ("" = every node, this one included).
  using Send = std::function<Status(const std::string& node, const std::string& bytes)>;
  using Done = std::function<void(Result<CibReplyData>)>;

  CibReplicator(std::string self, CibStore& store, Send send, CibLog log = {});
  CibReplicator(const CibReplicator&) = delete;
  CibReplicator& operator=(const CibReplicator&) = delete;

  // A new membership from heartbeatd's ccm: picks the master, fails forwards the old master will
  // not answer, and announces this copy's version so the highest copy spreads.
  void set_membership(std::vector<std::string> members, std::string leader);
  // Announces this copy's version again. The daemon does it periodically: an announce lost while
  // a node was starting (its cib not yet signed on) would otherwise leave copies apart until the
  // next membership change. Cheap: a sync follows only when the versions differ.
  void announce() { send("", message(proto::CibPeerMessage::ANNOUNCE)); }
  // crmd made this cib master (its DC) or slave. A slave follows the node that claims to be master
  // and, when none does, the membership leader.
  void set_master(bool master);

  // A client's request. Queries answer from the local copy at once; updates complete through
  // `done`, at once on the master, after the master's answer elsewhere.
  void submit(const CibRequest& request, Done done);
  // A message from the cib on `from`.
  void receive(const std::string& from, std::string_view bytes);

  const std::string& master() const { return master_; }
  bool is_master() const { return master_ == self_; }
  std::uint64_t syncs_taken() const { return syncs_taken_; }

 private:
  void elect();
  void note_claim(const std::string& from, bool claims_master);
  void apply_as_master(const CibRequest& request, Done done);
  void on_diff(const std::string& from, const proto::CibPeerMessage& m);
  void on_sync(const std::string& from, const proto::CibPeerMessage& m);
  void on_announce(const std::string& from, const proto::CibPeerMessage& m);
  void on_forward(const std::string& from, const proto::CibPeerMessage& m);
  void on_forward_reply(const proto::CibPeerMessage& m);
  void send_whole(const std::string& to, bool forced);
  void send(const std::string& to, const proto::CibPeerMessage& m);
  proto::CibPeerMessage message(proto::CibPeerMessage::Kind kind) const;
  void log(LogLevel level, const std::string& line);
  void fail_pending(const std::string& why);

  std::string self_;
  CibStore& store_;
  Send send_;
  CibLog log_;
  std::vector<std::string> members_;
  std::string leader_;
  bool claimed_ = false;   // this node's crmd made it master
  // Peers that say they are master, the latest claim last (two, briefly, after a partition heals:
  // until their crmds settle on one DC).
  std::vector<std::string> claimants_;
  std::string master_;
  std::uint64_t next_request_ = 1;
  std::map<std::uint64_t, Done> pending_;  // forwarded to the master, awaiting its answer
  std::uint64_t syncs_taken_ = 0;
};

}  // namespace pacer::cib
