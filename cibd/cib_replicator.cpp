// The replication protocol of cib_replicator.h: master election, forwarding, ordered diffs, and
// whole-copy syncs decided by the version rule.
#include "cibd/cib_replicator.h"

#include <algorithm>

#include <fmt/format.h>

#include "cibd/cib_diff.h"
#include "cibd/cib_digest.h"
#include "cibd/cib_errors.h"
#include "cibd/cib_protocol.h"

namespace pacer::cib {

using Kind = proto::CibPeerMessage;

CibReplicator::CibReplicator(std::string self, CibStore& store, Send send, CibLog log)
    : self_(std::move(self)), store_(store), send_(std::move(send)), log_(std::move(log)) {
  elect();
}

void CibReplicator::log(LogLevel level, const std::string& line) {
  if (log_) log_(level, line);
}

void CibReplicator::elect() {
  std::string before = master_;
  auto is_member = [this](const std::string& n) {
    return std::find(members_.begin(), members_.end(), n) != members_.end();
  };
  auto claimant = std::find_if(claimants_.rbegin(), claimants_.rend(), is_member);
  if (claimed_) master_ = self_;
  else if (claimant != claimants_.rend()) master_ = *claimant;
  else if (!leader_.empty()) master_ = leader_;
  else master_ = self_;
  if (master_ != before) {
    log(LogLevel::info, fmt::format("The CIB master is now {}", master_));
    // The old master may never answer (it left, or it is the other side of a partition).
    fail_pending(fmt::format("the CIB master changed from {} to {}; retry", before, master_));
  }
}

void CibReplicator::fail_pending(const std::string& why) {
  auto pending = std::move(pending_);
  pending_.clear();
  for (auto& [id, done] : pending) done(cib_error(CibErrorKind::not_connected, why));
}

void CibReplicator::set_membership(std::vector<std::string> members, std::string leader) {
  members_ = std::move(members);
  leader_ = std::move(leader);
  elect();
  send("", message(Kind::ANNOUNCE));
}

void CibReplicator::set_master(bool master) {
  if (master == claimed_) return;
  claimed_ = master;
  log(LogLevel::info, master ? "We are now in R/W mode" : "We are now in R/O mode");  // 1.0's wording
  elect();
  announce();  // tells the others (the claim travels in every message)
}

void CibReplicator::note_claim(const std::string& from, bool claims_master) {
  auto it = std::find(claimants_.begin(), claimants_.end(), from);
  if (claims_master == (it != claimants_.end())) return;
  if (claims_master) claimants_.push_back(from);
  else claimants_.erase(it);
  elect();
}

proto::CibPeerMessage CibReplicator::message(proto::CibPeerMessage::Kind kind) const {
  proto::CibPeerMessage m;
  m.set_version(kCibProtocolVersion);
  m.set_kind(kind);
  m.set_master(claimed_);
  *m.mutable_cib_version() = to_proto(store_.version());
  if (kind == Kind::ANNOUNCE) m.set_digest(cib_digest(store_.document().serialize(false)));
  return m;
}

void CibReplicator::send(const std::string& to, const proto::CibPeerMessage& m) {
  if (!send_) return;
  if (Status s = send_(to, m.SerializeAsString()); !s)
    log(LogLevel::warn, fmt::format("Cannot send to the cib on {}: {}", to.empty() ? "every node" : to,
                                       s.message()));
}

void CibReplicator::send_whole(const std::string& to, bool forced) {
  proto::CibPeerMessage m = message(Kind::SYNC);
  set_peer_xml(m, store_.document().serialize(false));
  m.set_forced(forced);
  send(to, m);
}

void CibReplicator::submit(const CibRequest& request, Done done) {
  if (request.operation == CibOperation::set_master || request.operation == CibOperation::set_slave) {
    set_master(request.operation == CibOperation::set_master);
    done(CibReplyData{"", store_.version(), {}});
    return;
  }
  if (is_read_only(request.operation)) {
    done(store_.apply(request));  // every copy answers queries itself (Pacemaker's -l is the rule)
    return;
  }
  if (is_master()) {
    apply_as_master(request, std::move(done));
    return;
  }
  std::uint64_t id = next_request_++;
  proto::CibPeerMessage m = message(Kind::FORWARD);
  m.set_request_id(id);
  *m.mutable_request() = to_proto(request);
  pending_.emplace(id, std::move(done));
  send(master_, m);
}

void CibReplicator::apply_as_master(const CibRequest& request, Done done) {
  CibVersion before = store_.version();
  auto result = store_.apply(request);
  if (result && result->version != before && !result->diff.empty()) {
    proto::CibPeerMessage m = message(Kind::DIFF);
    *m.mutable_cib_version() = to_proto(result->version);
    set_peer_xml(m, result->diff);
    send("", m);
  }
  done(std::move(result));
}

void CibReplicator::receive(const std::string& from, std::string_view bytes) {
  if (from == self_) return;  // our own broadcasts: already applied here
  proto::CibPeerMessage m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    log(LogLevel::warn, fmt::format("Ignoring a malformed message from the cib on {}", from));
    return;
  }
  note_claim(from, m.master());
  switch (m.kind()) {
    case Kind::ANNOUNCE: on_announce(from, m); break;
    case Kind::DIFF: on_diff(from, m); break;
    case Kind::SYNC: on_sync(from, m); break;
    case Kind::SYNC_REQUEST: send_whole(from, is_master()); break;
    case Kind::FORWARD: on_forward(from, m); break;
    case Kind::FORWARD_REPLY: on_forward_reply(m); break;
    default: log(LogLevel::warn, fmt::format("Ignoring message kind {} from {}", static_cast<int>(m.kind()), from));
  }
}

void CibReplicator::on_announce(const std::string& from, const proto::CibPeerMessage& m) {
  CibVersion theirs = from_proto(m.cib_version());
  CibVersion mine = store_.version();
  if (mine > theirs) {
    send_whole(from, is_master());
  } else if (mine == theirs && is_master() &&
             m.digest() != cib_digest(store_.document().serialize(false))) {
    // Same version, different contents: both sides of a partition made as many updates. The
    // version rule cannot choose, so the master's copy wins (Pacemaker's DC does the same).
    send_whole(from, true);
  }
}

void CibReplicator::on_diff(const std::string& from, const proto::CibPeerMessage& m) {
  bool from_master = from == master_;
  auto text = peer_xml(m);
  auto diff = text ? parse_cib_xml(*text, "diff") : Result<XmlDocument>(text.status());
  if (!diff) {
    log(LogLevel::warn, fmt::format("Bad diff from {}: {}", from, diff.error_message()));
    if (from_master) send(from, message(Kind::SYNC_REQUEST));
    return;
  }
  auto before = diff_version(*diff, false);
  auto after = diff_version(*diff, true);
  CibVersion mine = store_.version();
  if (!before || !after) {
    if (from_master) send(from, message(Kind::SYNC_REQUEST));
    return;
  }
  if (*after <= mine) return;  // a duplicate, or one a sync already covered
  if (!from_master && *before != mine) {
    // Not our master's (a node that briefly thinks it is master while memberships settle, or an
    // old master) and not in line with our copy: the announce rounds settle the copies.
    log(LogLevel::debug, fmt::format("Ignoring a diff from {} (master is {})", from, master_));
    return;
  }
  if (*before == mine) {
    Status s = store_.apply_diff(*diff);
    if (s) return;
    log(LogLevel::warn, fmt::format("Diff {} -> {} from {} did not apply: {}; asking for the whole CIB",
                                       before->to_string(), after->to_string(), from, s.message()));
  } else {
    log(LogLevel::info, fmt::format("Diff {} -> {} from {} does not follow our {}: asking for the whole CIB",
                                    before->to_string(), after->to_string(), from, mine.to_string()));
  }
  send(from, message(Kind::SYNC_REQUEST));
}

void CibReplicator::on_sync(const std::string& from, const proto::CibPeerMessage& m) {
  CibVersion theirs = from_proto(m.cib_version());
  CibVersion mine = store_.version();
  bool take = theirs > mine;
  auto text = peer_xml(m);
  if (!text) {
    log(LogLevel::warn, fmt::format("Bad CIB from {}: {}", from, text.error_message()));
    return;
  }
  if (!take && m.forced() && from == master_)
    take = theirs != mine || cib_digest(*text) != cib_digest(store_.document().serialize(false));
  if (!take) return;
  auto whole = parse_cib_xml(*text, "sync");
  if (!whole) {
    log(LogLevel::warn, fmt::format("Bad CIB from {}: {}", from, whole.error_message()));
    return;
  }
  if (Status s = store_.replace_whole(*whole); !s) {
    log(LogLevel::warn, fmt::format("Cannot take the CIB of {}: {}", from, s.message()));
    return;
  }
  ++syncs_taken_;
  log(LogLevel::info, fmt::format("Took the CIB of {} (version {}, ours was {})", from,
                                  theirs.to_string(), mine.to_string()));
}

void CibReplicator::on_forward(const std::string& from, const proto::CibPeerMessage& m) {
  proto::CibPeerMessage reply = message(Kind::FORWARD_REPLY);
  reply.set_request_id(m.request_id());
  auto request = from_proto(m.request());
  if (!request) {
    *reply.mutable_reply() = reply_to_proto(Result<CibReplyData>(request.status()));
  } else if (!is_master()) {
    // The origin thinks we are the master but we are not (any more): let its client retry.
    *reply.mutable_reply() = reply_to_proto(Result<CibReplyData>(
        cib_error(CibErrorKind::not_connected, fmt::format("{} is not the CIB master", self_))));
  } else {
    apply_as_master(*request, [&reply](Result<CibReplyData> r) { *reply.mutable_reply() = reply_to_proto(r); });
  }
  send(from, reply);
}

void CibReplicator::on_forward_reply(const proto::CibPeerMessage& m) {
  auto it = pending_.find(m.request_id());
  if (it == pending_.end()) return;  // already failed by a master change
  Done done = std::move(it->second);
  pending_.erase(it);
  done(reply_from_proto(m.reply()));
}

}  // namespace pacer::cib
