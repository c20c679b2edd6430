// The controller's FSA plumbing, membership and the non-DC side; see controller.h.
// The DC's join is in controller_join.cpp, its policy/transition work in controller_transition.cpp.
#include "crmd/controller.h"

#include <algorithm>

#include <fmt/format.h>

#include "crmd/controller_log_lines.h"
#include "crmd/status_updates.h"

namespace pacer::crmd {

using enum State;
using enum Input;
using Body = proto::crmd::CrmdMessage::BodyCase;

// Message dispatch: one handler per message type; anything else is logged and dropped.
const Controller::DispatchEntry Controller::kDispatch[] = {
    {Body::kVote, &Controller::on_vote},
    {Body::kNoVote, &Controller::on_no_vote},
    {Body::kJoinOffer, &Controller::on_join_offer},
    {Body::kJoinRequest, &Controller::on_join_request},
    {Body::kJoinAck, &Controller::on_join_ack},
    {Body::kRscCommand, &Controller::on_rsc_command},
    {Body::kOpReport, &Controller::on_op_report},
    {Body::kShutdownRequest, &Controller::on_shutdown_from},
    {Body::kStopNow, &Controller::on_stop_now},
    {Body::kStatusQuery, &Controller::on_status_query},
    {Body::kStatusAnswer, &Controller::on_status_reply},
    {Body::kFailResource, &Controller::on_fail_resource},
};

Controller::Controller(ControllerConfig config, ControllerPorts ports, const Clock& clock)
    : config_(std::move(config)),
      ports_(ports),
      clock_(clock),
      started_ms_(std::chrono::duration_cast<Millis>(clock.wall().time_since_epoch()).count()),
      election_(config_.node),
      executor_(ports.lrm, ports.log) {}

bool Controller::is_dc() const {
  switch (state_) {
    case S_INTEGRATION: case S_FINALIZE_JOIN: case S_POLICY_ENGINE: case S_TRANSITION_ENGINE:
    case S_IDLE:
      return true;
    default:
      return false;
  }
}

void Controller::post(Input input, const char* origin) {
  inputs_.emplace_back(input, origin);
  if (draining_) return;  // the outer post() takes it in order
  draining_ = true;
  while (!inputs_.empty()) {
    auto [in, from_origin] = inputs_.front();
    inputs_.pop_front();
    auto next = next_state(state_, in);
    if (!next) {
      log(LogLevel::debug, fmt::format("do_fsa_action: Input {} not expected in state {}",
                                       to_string(in), to_string(state_)));
      continue;
    }
    State from = state_;
    state_ = *next;
    if (from != state_)
      log(LogLevel::info, transition_line(from, state_, in, "C_FSA_INTERNAL", from_origin));
    enter(from, in);
  }
  draining_ = false;
}

// What the controller does on taking a transition (1.0's FSA actions, grouped by target state).
void Controller::enter(State from, Input input) {
  MonoTime now = clock_.monotonic();
  switch (state_) {
    case S_PENDING:
      if (from != S_PENDING && (pe_running_ || dc_ == config_.node)) release_dc();
      if (dc_.empty()) pending_deadline_ = now + config_.dc_deadtime;
      // A fresh start elects as soon as every configured node is a member (see controller.h).
      if (input == I_STARTUP && !config_.configured_nodes.empty() &&
          std::includes(members_.begin(), members_.end(), config_.configured_nodes.begin(),
                        config_.configured_nodes.end()))
        post(I_ELECTION, "do_started");
      break;
    case S_ELECTION:
      pending_deadline_.reset();
      start_election();
      break;
    case S_INTEGRATION:
      if (from != S_INTEGRATION && !pe_running_) become_dc();
      start_join_round();
      break;
    case S_FINALIZE_JOIN:
      finalize_join();
      break;
    case S_POLICY_ENGINE:
      recheck_deadline_.reset();
      if (te_) {
        te_->abort("new policy calculation");
        if (!te_->finished()) break;  // check_transition() asks again once what is in flight is back
        check_transition();
        break;
      }
      request_policy();
      break;
    case S_TRANSITION_ENGINE:
      start_transition();
      break;
    case S_IDLE:
      recheck_deadline_ = now + config_.recheck_interval;
      // A node that asked to shut down may leave once a whole transition planned with its request
      // has run: pengine moved its resources away in that one (1.0's do_shutdown comes last).
      for (const std::string& node : shutdown_nodes_) {
        if (node == config_.node || !planned_shutdowns_.contains(node)) continue;
        proto::crmd::CrmdMessage stop;
        stop.mutable_stop_now();
        send(node, stop);
      }
      if (shutting_down_ && planned_shutdowns_.contains(config_.node)) post(I_STOP, "do_state_transition");
      break;
    case S_NOT_DC:
      if (from != S_NOT_DC && pe_running_) release_dc();
      pending_deadline_.reset();
      break;
    case S_RELEASE_DC:
      release_dc();
      post(shutting_down_ ? I_STOP : I_RELEASE_SUCCESS, "do_dc_release");
      break;
    case S_RECOVERY:
      log(LogLevel::error, "do_recover: Action A_RECOVER (0000000001000000) not supported");
      release_dc();
      exit_wanted_ = 2;
      post(I_TERMINATE, "do_recover");
      break;
    case S_STOPPING:
      release_dc();
      post(I_TERMINATE, "do_shutdown");
      break;
    case S_TERMINATE:
      if (!exit_code_) {
        log(exit_wanted_ == 0 ? LogLevel::info : LogLevel::error, log_lines::exit_line(exit_wanted_));
        exit_code_ = exit_wanted_;
      }
      break;
    default:
      break;
  }
}

void Controller::send(const std::string& to, proto::crmd::CrmdMessage message) {
  message.set_version(kProtocolVersion);
  if (to == config_.node) {
    on_message(config_.node, message);
    return;
  }
  ports_.peers.send(to, message);
}

void Controller::set_dc(const std::string& node) {
  if (node == dc_) return;
  if (!dc_.empty()) log(LogLevel::info, log_lines::unset_dc(dc_));
  dc_ = node;
  if (!dc_.empty()) log(LogLevel::info, log_lines::set_dc(dc_, config_.feature_set));
}

void Controller::start() {
  if (state_ != S_STARTING) return;
  post(I_STARTUP, "do_started");
}

void Controller::on_membership(std::uint64_t instance, const std::set<std::string>& members,
                               bool quorate) {
  std::set<std::string> left, joined;
  std::set_difference(members_.begin(), members_.end(), members.begin(), members.end(),
                      std::inserter(left, left.end()));
  std::set_difference(members.begin(), members.end(), members_.begin(), members_.end(),
                      std::inserter(joined, joined.end()));
  bool quorum_changed = quorate != quorate_;
  members_ = members;
  quorate_ = quorate;
  log(LogLevel::info, fmt::format("crmd_ccm_msg_callback: Quorum {} after event=NEW MEMBERSHIP (id={})",
                                  quorate ? "(re)attained" : "lost", instance));
  for (const std::string& node : left) {
    election_.member_left(node);
    peers_online_.erase(node);
    if (is_dc()) {
      node_lost(node);
    } else if (node == dc_) {
      set_dc("");
      post(I_ELECTION, "crmd_ccm_msg_callback");
    }
  }
  if (state_ == S_ELECTION) check_election();
  if (is_dc()) {
    if (quorum_changed) apply(cib_root_update(config_.uuid, quorate_));
    if (!joined.empty()) post(I_NODE_JOIN, "crmd_ccm_msg_callback");
    else if (quorum_changed) replan("Quorum change");
    return;
  }
  if (state_ == S_PENDING && dc_.empty() && !config_.configured_nodes.empty() &&
      std::includes(members_.begin(), members_.end(), config_.configured_nodes.begin(),
                    config_.configured_nodes.end()))
    post(I_ELECTION, "crmd_ccm_msg_callback");
}

void Controller::on_node_status(const std::string& node, const std::string& uuid,
                                const std::string& status) {
  if (!uuid.empty()) uuids_[node] = uuid;
  log(LogLevel::info, log_lines::node_status(node, status, is_dc()));
}

void Controller::on_message(const std::string& from, const proto::crmd::CrmdMessage& message) {
  if (message.version() != kProtocolVersion) {
    log(LogLevel::warn, fmt::format("crmd_ha_msg_callback: Ignoring a message of protocol version {} from {}",
                                    message.version(), from));
    return;
  }
  if (from != config_.node && members_.contains(from)) peers_online_.insert(from);
  for (const DispatchEntry& entry : kDispatch) {
    if (entry.body == message.body_case()) {
      (this->*entry.handler)(from, message);
      return;
    }
  }
  log(LogLevel::warn, fmt::format("crmd_ha_msg_callback: Ignoring an unknown message from {}", from));
}

void Controller::on_join_offer(const std::string& from, const proto::crmd::CrmdMessage& m) {
  if (is_dc() && from != config_.node) {
    // Two DCs (a partition healed): settle it by a new election.
    post(I_ELECTION, "do_cl_join_offer_respond");
    return;
  }
  if (election_.running()) {
    election_.finish();
    election_deadline_.reset();
  }
  set_dc(from);
  pending_deadline_.reset();
  if (from != config_.node) post(I_JOIN_OFFER, "do_cl_join_offer_respond");
  // Keep the DC timer running until the join is acknowledged: an offer can come from a DC that
  // lost an election a moment later and will never answer our request. Re-elect then instead of
  // waiting for it forever.
  if (from != config_.node && state_ == S_PENDING) pending_deadline_ = clock_.monotonic() + config_.dc_deadtime;
  proto::crmd::CrmdMessage reply;
  auto* request = reply.mutable_join_request();
  request->set_join_id(m.join_offer().join_id());
  request->set_uuid(config_.uuid);
  request->set_first_join(first_join_);
  for (auto& rsc : executor_.history()) *request->add_history() = std::move(rsc);
  send(from, reply);
}

void Controller::on_join_ack(const std::string& from, const proto::crmd::CrmdMessage& m) {
  if (from != dc_ || from == config_.node) return;
  first_join_ = false;
  refresh_attributes();
  log(LogLevel::info, fmt::format("do_cl_join_finalize_respond: Join {} with {} complete",
                                  m.join_ack().join_id(), from));
  post(I_JOIN_RESULT, "do_cl_join_finalize_respond");
}

void Controller::query_status(const std::string& node, std::uint64_t id) {
  proto::crmd::CrmdMessage m;
  m.mutable_status_query()->set_id(id);
  send(node, m);
}

Status Controller::fail_resource(const std::string& rsc, const std::string& node) {
  if (!node.empty() && node != config_.node) {
    if (!members_.contains(node)) return Status::error(fmt::format("{} is not a member of the cluster", node));
    proto::crmd::CrmdMessage m;
    m.mutable_fail_resource()->set_rsc(rsc);
    send(node, m);
    return Status::ok();
  }
  auto failed = executor_.fake_failure(rsc, clock_.wall());
  if (!failed) return failed.status();
  on_lrm_result(*failed);
  return Status::ok();
}

void Controller::on_fail_resource(const std::string& from, const proto::crmd::CrmdMessage& m) {
  if (Status s = fail_resource(m.fail_resource().rsc(), config_.node); !s)
    log(LogLevel::warn, fmt::format("do_lrm_invoke: Cannot fail {} as {} asked: {}", m.fail_resource().rsc(), from,
                                    s.message()));
}

void Controller::on_status_query(const std::string& from, const proto::crmd::CrmdMessage& m) {
  proto::crmd::CrmdMessage reply;
  auto* answer = reply.mutable_status_answer();
  answer->set_id(m.status_query().id());
  answer->set_state(std::string(to_string(state_)));
  answer->set_dc(dc_);
  send(from, reply);
}

void Controller::on_status_reply(const std::string& from, const proto::crmd::CrmdMessage& m) {
  if (on_status_answer) on_status_answer(from, m.status_answer());
}

void Controller::on_rsc_command(const std::string& from, const proto::crmd::CrmdMessage& m) {
  if (from != dc_) {
    log(LogLevel::warn, fmt::format("do_lrm_invoke: Ignoring an action from {}, who is not the DC", from));
    return;
  }
  if (auto immediate = executor_.execute(m.rsc_command())) report(*immediate);
}

void Controller::on_stop_now(const std::string& from, const proto::crmd::CrmdMessage&) {
  if (from != dc_ || !shutting_down_) return;
  post(I_SHUTDOWN, "do_shutdown_req");
  post(I_STOP, "do_shutdown_req");
}

void Controller::refresh_attributes() {
  if (Status s = ports_.attrd.refresh(); !s)
    log(LogLevel::warn, "do_dc_join_final: Could not ask attrd to refresh: " + s.message());
}

void Controller::report(const proto::crmd::LrmResource& result) {
  if (dc_.empty()) return;  // the next join carries lrmd's history
  proto::crmd::CrmdMessage m;
  *m.mutable_op_report()->mutable_resource() = result;
  send(dc_, m);
}

void Controller::on_lrm_result(const lrmd::OperationResult& result) {
  if (auto r = executor_.on_result(result)) report(*r);
}

void Controller::on_lrm_lost() {
  log(LogLevel::crit, log_lines::lrm_failed());
  post(I_ERROR, "lrm_connection_destroy");
}

void Controller::on_shutdown_request() {
  if (shutting_down_) return;
  shutting_down_ = true;
  log(LogLevel::info, log_lines::requesting_shutdown());
  if (is_dc()) {
    shutdown_requested_by(config_.node);
  } else if (!dc_.empty() && state_ == S_NOT_DC) {
    proto::crmd::CrmdMessage m;
    m.mutable_shutdown_request();
    send(dc_, m);
  } else {
    post(I_SHUTDOWN, "crm_shutdown");
  }
}

std::optional<MonoTime> Controller::next_deadline() const {
  std::optional<MonoTime> next;
  auto consider = [&](const std::optional<MonoTime>& t) {
    if (t && (!next || *t < *next)) next = t;
  };
  consider(pending_deadline_);
  consider(election_deadline_);
  consider(integration_deadline_);
  consider(recheck_deadline_);
  if (te_) consider(te_->next_deadline());
  return next;
}

void Controller::on_timer() {
  MonoTime now = clock_.monotonic();
  auto due = [&](std::optional<MonoTime>& t) {
    if (!t || now < *t) return false;
    t.reset();
    return true;
  };
  if (due(pending_deadline_) && state_ == S_PENDING) {
    log(LogLevel::info, "crm_timer_popped: Election Trigger (I_DC_TIMEOUT) just popped");
    set_dc("");
    post(I_ELECTION, "crm_timer_popped");
  }
  if (due(election_deadline_) && state_ == S_ELECTION && election_.won_by_timeout()) {
    election_.finish();
    log(LogLevel::info, "crm_timer_popped: Election Timeout (I_ELECTION_DC) just popped");
    post(I_ELECTION_DC, "crm_timer_popped");
  }
  if (due(integration_deadline_) && state_ == S_INTEGRATION) {
    log(LogLevel::warn, "crm_timer_popped: Integration Timer (I_INTEGRATED) just popped");
    post(I_INTEGRATED, "crm_timer_popped");
  }
  if (due(recheck_deadline_) && state_ == S_IDLE) replan("cluster-recheck-interval");
  if (te_) {
    for (int id : te_->expire(now))
      log(LogLevel::error, fmt::format("action_timer_callback: Timer popped (timeout={}, abort_level=1000000, "
                                       "complete=false) for action {}",
                                       te_->action(id)->timeout.count(), id));
    check_transition();
  }
}

}  // namespace pacer::crmd
