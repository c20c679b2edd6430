// The controller's side of the DC election (election.h holds the rules): voting on membership
// changes, answering other candidates, and a DC answering a newcomer it beats.
#include <fmt/format.h>

#include "crmd/controller.h"

namespace pacer::crmd {

using enum State;
using enum Input;

void Controller::start_election() {
  Vote vote = election_.start(members_, config_.feature_set, started_ms_);
  election_deadline_ = clock_.monotonic() + config_.election_timeout;
  log(LogLevel::info, fmt::format("do_election_vote: Election {} started by {}", vote.election_id,
                                  config_.node));
  proto::crmd::CrmdMessage m;
  auto* v = m.mutable_vote();
  v->set_node(vote.node);
  v->set_feature_set(vote.feature_set);
  v->set_started_ms(vote.started_ms);
  v->set_election_id(vote.election_id);
  for (const std::string& member : members_)
    if (member != config_.node) send(member, m);
  check_election();
}

void Controller::check_election() {
  if (state_ != S_ELECTION || !election_.won()) return;
  election_.finish();
  election_deadline_.reset();
  log(LogLevel::info, fmt::format("do_election_check: Election {} won by {}",
                                  election_.our_vote().election_id, config_.node));
  post(I_ELECTION_DC, "do_election_check");
}

void Controller::on_vote(const std::string& from, const proto::crmd::CrmdMessage& m) {
  const auto& v = m.vote();
  Vote theirs{v.node(), v.feature_set(), v.started_ms(), v.election_id()};
  if (theirs.node == config_.node) return;
  if (is_dc()) {
    // A challenger while we are DC: a newcomer that the DC beats is simply integrated.
    Vote ours{config_.node, config_.feature_set, started_ms_, election_.our_vote().election_id};
    if (compare_votes(ours, theirs) > 0) {
      proto::crmd::CrmdMessage reply;
      auto* r = reply.mutable_vote();
      r->set_node(ours.node);
      r->set_feature_set(ours.feature_set);
      r->set_started_ms(ours.started_ms);
      r->set_election_id(ours.election_id);
      send(from, reply);
      post(I_NODE_JOIN, "do_election_count_vote");
    } else {
      post(I_ELECTION, "do_election_count_vote");
    }
    return;
  }
  bool was_running = election_.running() && !election_.lost();
  switch (election_.on_vote(theirs)) {
    case Election::Reply::none:
      break;
    case Election::Reply::no_vote: {
      proto::crmd::CrmdMessage reply;
      reply.mutable_no_vote()->set_candidate(theirs.node);
      reply.mutable_no_vote()->set_election_id(theirs.election_id);
      send(from, reply);
      if (was_running) {
        log(LogLevel::info, fmt::format("do_election_count_vote: Election {} (owner: {}) lost: vote from {}",
                                        election_.our_vote().election_id, config_.node, from));
        election_.finish();
        election_deadline_.reset();
        post(I_NOT_DC, "do_election_count_vote");
      }
      if (state_ == S_PENDING && dc_.empty()) pending_deadline_ = clock_.monotonic() + config_.dc_deadtime;
      break;
    }
    case Election::Reply::our_vote: {
      const Vote& ours = election_.our_vote();
      proto::crmd::CrmdMessage reply;
      auto* r = reply.mutable_vote();
      r->set_node(ours.node);
      r->set_feature_set(ours.feature_set);
      r->set_started_ms(ours.started_ms);
      r->set_election_id(ours.election_id);
      send(from, reply);
      break;
    }
  }
}

void Controller::on_no_vote(const std::string& from, const proto::crmd::CrmdMessage& m) {
  if (m.no_vote().candidate() != config_.node) return;
  election_.on_no_vote(from, m.no_vote().election_id());
  check_election();
}

}  // namespace pacer::crmd
