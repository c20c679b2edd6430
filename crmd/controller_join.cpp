// The DC's side of the join: taking the role (pengine, cluster properties), offering the join to
// every member, collecting each node's lrmd history, and rebuilding the status section from it.
#include <fmt/format.h>

#include "crmd/controller.h"
#include "crmd/controller_log_lines.h"
#include "crmd/fencing_action.h"
#include "crmd/status_updates.h"

namespace pacer::crmd {

using enum State;
using enum Input;

std::string Controller::uuid_of(const std::string& node) const {
  if (node == config_.node) return config_.uuid;
  auto it = uuids_.find(node);
  return it == uuids_.end() ? node : it->second;
}

void Controller::apply(const cib::CibRequest& request) {
  auto version = ports_.cib.apply(request);
  if (!version) {
    log(LogLevel::warn, fmt::format("cib_action_update: Update of the CIB failed: {}",
                                    version.status().message()));
    return;
  }
  own_versions_.insert(*version);
}

void Controller::set_cib_master(bool master) {
  cib_master_ = master;
  cib::CibRequest request;
  request.operation = master ? cib::CibOperation::set_master : cib::CibOperation::set_slave;
  if (auto r = ports_.cib.apply(request); !r)
    log(LogLevel::warn, fmt::format("do_cib_control: Could not make the CIB {}: {}", master ? "master" : "slave",
                                    r.status().message()));
}

void Controller::become_dc() {
  set_dc(config_.node);
  log(LogLevel::info, log_lines::start_pengine());
  auto pid = ports_.pe.start();
  if (!pid) {
    log(LogLevel::crit, log_lines::pengine_failed(0, config_.te_uuid) + ": " + pid.status().message());
    post(I_ERROR, "do_pe_control");
    return;
  }
  pe_running_ = true;
  pe_pid_ = *pid;
  set_cib_master(true);  // before our first write: it is applied here and spread from here
  apply(dc_properties_update(config_.dc_version));
  apply(cib_root_update(config_.uuid, quorate_));
}

void Controller::release_dc() {
  te_.reset();
  pending_graph_.reset();
  integration_deadline_.reset();
  recheck_deadline_.reset();
  join_requests_.clear();
  if (pe_running_) {
    pe_running_ = false;  // first: the exit that follows is expected
    ports_.pe.stop();
  }
  if (cib_master_) set_cib_master(false);
  if (dc_ == config_.node) set_dc("");
}

void Controller::start_join_round() {
  ++join_id_;
  join_requests_.clear();
  integration_deadline_ = clock_.monotonic() + config_.integration_timeout;
  log(LogLevel::info, fmt::format("do_dc_join_offer_all: join-{}: Waiting on {} outstanding join acks",
                                  join_id_, members_.size()));
  proto::crmd::CrmdMessage offer;
  offer.mutable_join_offer()->set_join_id(join_id_);
  offer.mutable_join_offer()->set_dc_feature_set(config_.feature_set);
  for (const std::string& member : members_)
    if (member != config_.node) send(member, offer);
  // Our own join: no round trip (our state does not change through it).
  on_join_offer(config_.node, offer);
}

void Controller::on_join_request(const std::string& from, const proto::crmd::CrmdMessage& m) {
  if (!is_dc()) return;
  const auto& request = m.join_request();
  if (request.join_id() < join_id_) return;  // an older round's answer; the new offer is on its way
  if (!request.uuid().empty()) uuids_[from] = request.uuid();
  if (state_ != S_INTEGRATION) {
    // A node we did not wait for answered after the round closed: integrate it in a new round.
    post(I_NODE_JOIN, "do_dc_join_filter_offer");
    return;
  }
  join_requests_[from] = request;
  check_integrated();
}

void Controller::check_integrated() {
  if (state_ != S_INTEGRATION) return;
  for (const std::string& member : members_) {
    bool expected = member == config_.node || peers_online_.contains(member);
    if (expected && !join_requests_.contains(member)) return;
  }
  integration_deadline_.reset();
  post(I_INTEGRATED, "check_join_state");
}

void Controller::finalize_join() {
  // Every joined node must be in the configuration's nodes section (written once, not per join).
  if (auto cib = ports_.cib.query()) {
    if (auto doc = XmlDocument::parse(*cib, "cib")) {
      // Node ids we have not heard from heartbeat yet: the nodes section knows them.
      for (const auto& [uname, uuid] : node_ids(*doc)) uuids_.try_emplace(uname, uuid);
      for (const auto& [node, request] : join_requests_) {
        auto known = doc->select(fmt::format("/cib/configuration/nodes/node[@id='{}']", uuid_of(node)));
        if (known && known->empty()) apply(node_entry_update(uuid_of(node), node));
      }
    }
  }
  // Rebuild each joined node's status from what its lrmd says, in the order 1.0 did: erase, write.
  for (const auto& [node, request] : join_requests_) {
    std::string uuid = uuid_of(node);
    if (request.first_join()) apply(erase_node_section(uuid, "transient_attributes"));
    apply(erase_node_section(uuid, "lrm"));
    std::vector<proto::crmd::LrmResource> history(request.history().begin(), request.history().end());
    apply(lrm_history_update(uuid, node, history, "do_lrm_query"));
    apply(node_state_update({uuid, node, true, true, "member", shutdown_nodes_.contains(node) ? "down" : "member",
                             "do_dc_join_ack"}));
  }
  for (const std::string& member : members_) {
    if (join_requests_.contains(member)) continue;
    // A member whose id is not known yet (its crmd never answered, no nodes entry): a node_state
    // keyed by its name would stay behind as a second, stale node_state for it.
    if (member != config_.node && !uuids_.contains(member)) continue;
    apply(node_state_update({uuid_of(member), member, true, false, "down", "down", "do_dc_join_finalize"}));
  }
  // Nodes that are not members at all: a copy of the CIB made by an earlier DC may still show
  // them online with resources. With stonith disabled they count as down (see node_lost()).
  if (auto cib = ports_.cib.query()) {
    if (auto doc = XmlDocument::parse(*cib, "cib")) {
      for (const auto& [uname, uuid] : node_ids(*doc)) {
        uuids_.try_emplace(uname, uuid);
        if (members_.contains(uname)) continue;
        if (doc->select(fmt::format("//node_state[@id='{}' and @crmd='offline' and @join='down' and "
                                    "@in_ccm='false' and not(lrm) and not(transient_attributes)]",
                                    uuid))->size() == 1)
          continue;
        // A node an earlier DC saw up and that left without shutting down must be fenced first
        // (fencing_action.cpp); one never seen up is not (startup-fencing=false, the seed's).
        bool was_up = doc->select(fmt::format("//node_state[@id='{}' and (@crmd='online' or @expected='member')]",
                                              uuid))->size() == 1;
        record_node_loss(uuid, uname, was_up && stonith_enabled(ports_.cib),
                         [this](const cib::CibRequest& r) { apply(r); });
      }
    }
  }
  apply(cib_root_update(config_.uuid, quorate_));
  proto::crmd::CrmdMessage ack;
  ack.mutable_join_ack()->set_join_id(join_id_);
  for (const auto& [node, request] : join_requests_)
    if (node != config_.node) send(node, ack);
  first_join_ = false;
  refresh_attributes();  // the others do it on the JoinAck
  log(LogLevel::info, fmt::format("do_dc_join_final: Ensuring DC, quorum and node attributes are up-to-date "
                                  "(join-{}, {} node(s))",
                                  join_id_, join_requests_.size()));
  post(I_FINALIZED, "do_dc_join_final");
}

}  // namespace pacer::crmd
