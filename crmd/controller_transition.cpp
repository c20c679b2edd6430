// The DC's policy and transition work: asking pengine for a graph, running it (rsc_ops to the
// target node's controller, crm_events here), recording results in the CIB, fail-counts through
// attrd, replanning on failures, CIB changes and node loss, and shutdown requests.
#include <charconv>

#include <fmt/format.h>

#include "common/xml.h"
#include "crmd/controller.h"
#include "crmd/controller_log_lines.h"
#include "crmd/fencing_action.h"
#include "crmd/status_updates.h"
#include "crmd/transition_key.h"

namespace pacer::crmd {

using enum State;
using enum Input;

namespace {

std::optional<int> int_attribute(const GraphAction& action, const std::string& name) {
  auto it = action.attributes.find(name);
  if (it == action.attributes.end()) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
  if (ec != std::errc()) return std::nullopt;
  return value;
}

}  // namespace

void Controller::read_cluster_options(const std::string& cib_xml) {
  auto doc = XmlDocument::parse(cib_xml, "cib");
  if (!doc) return;
  auto option = [&](const char* name) -> std::optional<Millis> {
    auto found = doc->select(fmt::format("/cib/configuration/crm_config//nvpair[@name='{}']", name));
    if (!found || found->empty()) return std::nullopt;
    auto value = parse_duration(found->front().attribute("value").value_or(""));
    if (!value) return std::nullopt;
    return *value;
  };
  if (auto v = option("cluster-recheck-interval")) config_.recheck_interval = *v;
  if (auto v = option("dc-deadtime")) config_.dc_deadtime = *v;
  if (auto v = option("election-timeout")) config_.election_timeout = *v;
  if (auto v = option("crmd-integration-timeout")) config_.integration_timeout = *v;
}

std::set<std::string> Controller::shutdowns_in(const std::string& cib_xml) {
  std::set<std::string> out;
  auto doc = XmlDocument::parse(cib_xml, "cib");
  if (!doc) return out;
  auto found = doc->select("/cib/status/node_state[transient_attributes//nvpair[@name='shutdown' and @value!='0']]");
  if (!found) return out;
  for (const XmlNode& state : *found)
    if (auto uname = state.attribute("uname")) out.insert(*uname);
  return out;
}

void Controller::request_policy() {
  auto cib = ports_.cib.query();
  if (!cib) {
    log(LogLevel::error, "do_pe_invoke: Could not read the CIB: " + cib.status().message());
    post(I_ERROR, "do_pe_invoke");
    return;
  }
  read_cluster_options(*cib);
  requested_shutdowns_ = shutdowns_in(*cib);
  ++pe_reference_;
  if (Status s = ports_.pe.request(pe_reference_, transition_id_, *cib); !s) {
    log(LogLevel::crit, log_lines::pengine_failed(pe_pid_, config_.te_uuid));
    post(I_ERROR, "do_pe_invoke");
  }
}

void Controller::on_pe_reply(std::uint64_t reference, const Result<PeReply>& reply) {
  if (state_ != S_POLICY_ENGINE || reference != pe_reference_) return;  // superseded
  Graph graph;
  graph.transition_id = transition_id_;
  std::string source = "(no input)";
  if (!reply) {
    log(LogLevel::error, "do_pe_invoke_callback: The policy engine failed: " + reply.status().message());
  } else {
    source = reply->pe_input;
    auto parsed = parse_graph(reply->graph_xml);
    if (!parsed) {
      log(LogLevel::error, "do_te_invoke: Invalid transition graph: " + parsed.status().message());
    } else {
      graph = std::move(*parsed);
    }
  }
  graph.transition_id = transition_id_;
  pending_graph_ = std::move(graph);
  pending_source_ = source;
  post(I_PE_SUCCESS, "handle_response");
}

void Controller::start_transition() {
  if (!pending_graph_) return;
  ++transition_id_;
  te_source_ = pending_source_;
  planned_shutdowns_ = requested_shutdowns_;
  log(LogLevel::info, log_lines::processing_graph(pending_graph_->transition_id, te_source_));
  te_.emplace(std::move(*pending_graph_), [this](const GraphAction& a) { initiate(a); });
  pending_graph_.reset();
  te_->run(clock_.monotonic());
  check_transition();
}

void Controller::initiate(const GraphAction& action) {
  const int tid = te_->graph().transition_id;
  if (action.type == ActionType::crm_event) {
    log(LogLevel::info, fmt::format("te_crm_command: Executing crm-event ({}): {} on {}", action.id,
                                    action.operation, action.on_node));
    bool ok = true;
    if (action.operation == "clear_failcount") {
      ok = static_cast<bool>(ports_.attrd.update({"fail-count-" + action.rsc_id, action.on_node, std::nullopt}));
    } else if (action.operation == "stonith") {
      // fencing_action.cpp: the result comes later and confirms the action then.
      int id = action.id;
      if (start_fencing(action, te_->graph().stonith_timeout, ports_.fencing,
                        [this](const cib::CibRequest& r) { apply(r); }, ports_.log,
                        [this, id, tid](bool fenced) {
                          if (!te_ || te_->graph().transition_id != tid) return;
                          te_->confirm(id, fenced, clock_.monotonic());
                          check_transition();
                        }))
        return;
      ok = false;
    }
    te_->confirm(action.id, ok, clock_.monotonic());
    return;
  }
  bool local = action.on_node == config_.node;
  log(LogLevel::info, log_lines::initiating_action(action.id, action.operation, action.operation_key,
                                                   action.on_node, local));
  int target = expected_rc(action.operation, action.interval_ms, int_attribute(action, "CRM_meta_op_target_rc"));
  proto::crmd::CrmdMessage m;
  auto* c = m.mutable_rsc_command();
  c->set_transition_key(TransitionKey{action.id, tid, target, config_.te_uuid}.to_string());
  c->set_operation(action.operation);
  c->set_rsc_id(action.rsc_id);
  c->set_rclass(action.rsc_class);
  c->set_provider(action.rsc_provider);
  c->set_type(action.rsc_type);
  for (const auto& [k, v] : action.attributes) (*c->mutable_attributes())[k] = v;
  c->set_interval_ms(static_cast<uint64_t>(action.interval_ms));
  c->set_timeout_ms(static_cast<uint64_t>(action.timeout.count()));
  if (!members_.contains(action.on_node) && !local) {
    // Its node is gone: the action cannot happen (node loss replans).
    te_->confirm(action.id, false, clock_.monotonic());
    return;
  }
  send(action.on_node, m);
}

void Controller::check_transition() {
  if (!te_ || !te_->finished()) return;
  TransitionStats s = te_->stats();
  bool complete = te_->complete();
  log(LogLevel::info, log_lines::transition_done(te_->graph().transition_id, s.complete, s.pending, s.fired,
                                                 s.skipped, s.incomplete, te_source_, complete));
  te_.reset();
  if (state_ == S_TRANSITION_ENGINE) post(complete ? I_TE_SUCCESS : I_PE_CALC, "notify_crmd");
  else if (state_ == S_POLICY_ENGINE) request_policy();  // an abort waited for actions in flight
}

void Controller::replan(const std::string& reason) {
  if (!is_dc()) return;
  bool idle = state_ == S_IDLE;
  log(LogLevel::info, log_lines::abort_transition(idle || !te_, reason));
  switch (state_) {
    case S_IDLE:
    case S_POLICY_ENGINE:
      post(I_PE_CALC, "abort_transition_graph");
      break;
    case S_TRANSITION_ENGINE:
      if (te_) te_->abort(reason);
      post(I_PE_CALC, "abort_transition_graph");
      break;
    default:
      break;  // integration ends in a policy calculation anyway
  }
}

void Controller::on_cib_change(const cib::CibVersion& after, bool configuration_changed) {
  // Our own status writes are results the engine already knows about.
  if (own_versions_.erase(after) > 0) {
    own_versions_.erase(own_versions_.begin(), own_versions_.lower_bound(after));
    return;
  }
  own_versions_.erase(own_versions_.begin(), own_versions_.lower_bound(after));
  if (!is_dc()) return;
  replan(fmt::format("{} change (cib={})", configuration_changed ? "Configuration" : "Status",
                     after.to_string()));
}

void Controller::on_pe_exit(int pid, int signal, int exit_code) {
  log(signal == 0 ? LogLevel::info : LogLevel::error, log_lines::pengine_exited(pid, signal, exit_code));
  if (!pe_running_ || pid != pe_pid_) return;  // stopped on purpose
  pe_running_ = false;
  log(LogLevel::crit, log_lines::pengine_failed(pid, config_.te_uuid));
  post(I_ERROR, "pe_connection_destroy");
}

void Controller::on_op_report(const std::string& from, const proto::crmd::CrmdMessage& m) {
  if (!is_dc()) return;
  const auto& rsc = m.op_report().resource();
  if (rsc.ops_size() != 1) return;
  record_result(from, rsc);
}

void Controller::record_result(const std::string& node, const proto::crmd::LrmResource& result) {
  const proto::crmd::LrmOp& op = result.ops(0);
  std::string uuid = uuid_of(node);
  auto key = parse_transition_key(op.transition_key());
  bool matched = key && te_ && key->te_uuid == config_.te_uuid &&
                 key->transition_id == te_->graph().transition_id &&
                 te_->state(key->action_id) == ActionState::in_flight;
  if (op.op_status() == static_cast<int>(lrmd::OpStatus::cancelled)) {
    // The graph's own cancel action (a role change) drops the monitor's entry and is done. A
    // monitor cancelled because its resource stops keeps its entry, as 1.0's did: a failure it
    // recorded stays among the failed actions until a cleanup (the seed's stop-timeout screen).
    if (matched && te_->action(key->action_id)->operation == "cancel") {
      if (op.interval_ms() > 0) apply(lrm_op_delete(uuid, result.id(), lrm_op_id(result.id(), op)));
      te_->confirm(key->action_id, true, clock_.monotonic());
      check_transition();
    }
    return;
  }
  apply(lrm_result_update(uuid, node, result, "do_update_resource"));
  int target = key ? key->target_rc : expected_rc(op.operation(), op.interval_ms(), std::nullopt);
  bool failed = op_failed(op, target);
  if (failed) {
    bool probe = op.operation() == "monitor" && op.interval_ms() == 0;
    bool informative = probe && (op.rc() == 0 || op.rc() == 7 || op.rc() == 8) && op.op_status() == 0;
    // 1.0 counts a failure nobody asked for (a recurring monitor, crm_resource -F) and a failed
    // start; a failed stop or other action of the transition is not counted (the seed's screen
    // after a stop timeout still shows fail-count=1): the policy engine acts on its history.
    bool counted = !matched || op.interval_ms() > 0 || op.operation() == "start";
    if (!informative && counted) update_failcount(node, result.id(), op);
  }
  if (matched) {
    te_->confirm(key->action_id, !failed, clock_.monotonic());
    check_transition();
  } else if (failed) {
    replan(fmt::format("Event failed: {} on {} (rc={})", lrm_op_id(result.id(), op), node, op.rc()));
  }
}

void Controller::update_failcount(const std::string& node, const std::string& rsc,
                                  const proto::crmd::LrmOp& op) {
  // 1.0: a failed start makes the node ineligible at once (start-failure-is-fatal).
  bool fatal = op.operation() == "start";
  std::string value = fatal ? "INFINITY" : "value++";
  long long now = std::chrono::duration_cast<std::chrono::seconds>(clock_.wall().time_since_epoch()).count();
  log(LogLevel::warn, log_lines::update_failcount(rsc, node, op.operation(), op.rc(), value, now));
  if (Status s = ports_.attrd.update({"fail-count-" + rsc, node, value}); !s)
    log(LogLevel::error, "update_failcount: attrd: " + s.message());
  if (Status s = ports_.attrd.update({"last-failure-" + rsc, node, std::to_string(now)}); !s)
    log(LogLevel::error, "update_failcount: attrd: " + s.message());
}

void Controller::node_lost(const std::string& node) {
  std::string uuid = uuid_of(node);
  bool expected = shutdown_nodes_.erase(node) > 0;
  if (!expected) log(LogLevel::warn, log_lines::no_shutdown_match(uuid));
  // fencing_action.cpp: with stonith enabled an unexpected loss leaves the node unclean until it
  // is fenced; without, it is down at once and its history and transient attributes go.
  record_node_loss(uuid, node, !expected && stonith_enabled(ports_.cib),
                   [this](const cib::CibRequest& r) { apply(r); });
  join_requests_.erase(node);
  if (te_) {
    for (const Synapse& s : te_->graph().synapses)
      if (s.action.on_node == node && te_->state(s.action.id) == ActionState::in_flight)
        te_->confirm(s.action.id, false, clock_.monotonic());
  }
  if (state_ == S_INTEGRATION) check_integrated();
  replan(fmt::format("Node failure: {}", node));
  if (state_ == S_TRANSITION_ENGINE) check_transition();
}

void Controller::on_shutdown_from(const std::string& from, const proto::crmd::CrmdMessage&) {
  if (!is_dc()) return;
  shutdown_requested_by(from);
}

void Controller::shutdown_requested_by(const std::string& node) {
  log(LogLevel::info, log_lines::shutdown_request(node, to_string(state_)));
  shutdown_nodes_.insert(node);
  long long now = std::chrono::duration_cast<std::chrono::seconds>(clock_.wall().time_since_epoch()).count();
  if (Status s = ports_.attrd.update({"shutdown", node, std::to_string(now)}); !s)
    log(LogLevel::error, "handle_shutdown_request: attrd: " + s.message());
  apply(node_state_update({uuid_of(node), node, true, true, "member", "down", "handle_shutdown_request"}));
  replan(fmt::format("Shutdown request from {}", node));
}

}  // namespace pacer::crmd
