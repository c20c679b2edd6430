// Controller: the pure core of crmd. Inputs (membership, peer messages, lrmd results, CIB changes,
// the policy engine's answers, timers, shutdown) drive the FSA table of fsa.h; what the controller
// does on each transition goes out through its ports (controller_ports.h). No I/O, no clock reads
// other than the Clock given, no threads: the daemon and the tests feed it the same way.
// controller.cpp: FSA plumbing, membership, non-DC side; controller_election.cpp; controller_join.cpp;
// controller_transition.cpp.
//
// Roles:
//  * every node: election (election.h), joining the DC, executing the DC's rsc_ops through lrmd
//    (local_executor.h) and reporting results to the DC;
//  * the DC: integrating every member (join), making its cib the master copy (cibd replicates
//    it to the others) and writing the status section there, running the policy engine and the transition engine, fail-counts through attrd, node loss.
//
// Difference from 1.0 (documented in README.md): on a fresh start the controller holds the
// election as soon as every configured node is a member, instead of always waiting dc-deadtime;
// dc-deadtime still bounds the wait for members that do not show up.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "common/clock.h"
#include "crmd.pb.h"
#include "crmd/controller_ports.h"
#include "crmd/election.h"
#include "crmd/fsa.h"
#include "crmd/local_executor.h"
#include "crmd/transition_engine.h"

namespace pacer::crmd {

// Version of the controllers' peer messages; a message of another version is dropped.
inline constexpr std::uint32_t kProtocolVersion = 1;

struct ControllerConfig {
  std::string node;
  std::string uuid;
  std::set<std::string> configured_nodes;  // ha.cf's node lines
  std::string feature_set = "3.0.1";
  std::string dc_version = "1.0.13-pacer";
  std::string te_uuid;                     // chosen at start-up; marks this instance's actions
  Millis dc_deadtime{20000};
  Millis election_timeout{120000};  // a candidate not conceded by every member wins after this
  Millis integration_timeout{10000};
  Millis recheck_interval{15 * 60 * 1000};
};

struct PeReply {
  std::string graph_xml;
  std::string pe_input;  // where the input was saved, for the log ("/var/lib/pacer/pengine/pe-input-3.bz2")
};

class Controller {
 public:
  Controller(ControllerConfig config, ControllerPorts ports, const Clock& clock);

  // Connections made: S_STARTING -> S_PENDING.
  void start();
  void on_membership(std::uint64_t instance, const std::set<std::string>& members, bool quorate);
  void on_node_status(const std::string& node, const std::string& uuid, const std::string& status);
  void on_message(const std::string& from, const proto::crmd::CrmdMessage& message);
  void on_lrm_result(const lrmd::OperationResult& result);
  void on_lrm_lost();
  // A change applied to the local CIB; `after` is its version.
  void on_cib_change(const cib::CibVersion& after, bool configuration_changed);
  void on_pe_reply(std::uint64_t reference, const Result<PeReply>& reply);
  void on_pe_exit(int pid, int signal, int exit_code);
  // SIGTERM.
  void on_shutdown_request();
  // Call when next_deadline() has passed.
  void on_timer();
  // crmadmin -S for another node: asks that node's crmd; its answer goes to `on_status_answer`.
  void query_status(const std::string& node, std::uint64_t id);
  std::function<void(const std::string& from, const proto::crmd::StatusAnswer& answer)> on_status_answer;
  // crm_resource -F: marks `rsc` failed on `node` (this one: at once; another: through its crmd),
  // as 1.0's crmd did: a failed "asyncmon" reported to the DC, which counts it and recovers.
  Status fail_resource(const std::string& rsc, const std::string& node);

  std::optional<MonoTime> next_deadline() const;
  State state() const { return state_; }
  const std::string& dc() const { return dc_; }
  const std::set<std::string>& members() const { return members_; }
  bool is_dc() const;
  std::optional<int> exit_code() const { return exit_code_; }
  const ControllerConfig& config() const { return config_; }
  int transitions_started() const { return transition_id_; }

 private:
  using Handler = void (Controller::*)(const std::string& from, const proto::crmd::CrmdMessage& m);
  struct DispatchEntry {
    proto::crmd::CrmdMessage::BodyCase body;
    Handler handler;
  };
  static const DispatchEntry kDispatch[];

  // FSA plumbing (controller.cpp).
  void post(Input input, const char* origin);
  void enter(State from, Input input);
  void send(const std::string& to, proto::crmd::CrmdMessage message);
  void set_dc(const std::string& node);
  void log(LogLevel level, std::string_view line) { ports_.log.log(level, line); }

  // Election (controller_election.cpp).
  void start_election();
  void check_election();
  void on_vote(const std::string& from, const proto::crmd::CrmdMessage& m);
  void on_no_vote(const std::string& from, const proto::crmd::CrmdMessage& m);

  // Non-DC side (controller.cpp).
  void on_join_offer(const std::string& from, const proto::crmd::CrmdMessage& m);
  void on_join_ack(const std::string& from, const proto::crmd::CrmdMessage& m);
  void on_rsc_command(const std::string& from, const proto::crmd::CrmdMessage& m);
  void on_stop_now(const std::string& from, const proto::crmd::CrmdMessage& m);
  void on_status_query(const std::string& from, const proto::crmd::CrmdMessage& m);
  void on_status_reply(const std::string& from, const proto::crmd::CrmdMessage& m);
  void on_fail_resource(const std::string& from, const proto::crmd::CrmdMessage& m);
  void report(const proto::crmd::LrmResource& report);
  // Asks the local attrd to write its values again (after a join).
  void refresh_attributes();

  // DC: join (controller_join.cpp).
  void become_dc();
  void release_dc();
  void start_join_round();
  void on_join_request(const std::string& from, const proto::crmd::CrmdMessage& m);
  void check_integrated();
  void finalize_join();
  void apply(const cib::CibRequest& request);
  // cib_master / cib_slave on the local cib: the DC's copy is the authoritative one.
  void set_cib_master(bool master);
  std::string uuid_of(const std::string& node) const;

  // DC: policy and transition engine (controller_transition.cpp).
  void request_policy();
  // Nodes whose crmd's shutdown request (transient attribute "shutdown") is in `cib_xml`.
  static std::set<std::string> shutdowns_in(const std::string& cib_xml);
  // cluster-recheck-interval, dc-deadtime, election-timeout, crmd-integration-timeout.
  void read_cluster_options(const std::string& cib_xml);
  void start_transition();
  void initiate(const GraphAction& action);
  void check_transition();
  void replan(const std::string& reason);
  void on_op_report(const std::string& from, const proto::crmd::CrmdMessage& m);
  void record_result(const std::string& node, const proto::crmd::LrmResource& result);
  void update_failcount(const std::string& node, const std::string& rsc, const proto::crmd::LrmOp& op);
  void node_lost(const std::string& node);
  void on_shutdown_from(const std::string& from, const proto::crmd::CrmdMessage& m);
  void shutdown_requested_by(const std::string& node);

  ControllerConfig config_;
  ControllerPorts ports_;
  const Clock& clock_;
  std::int64_t started_ms_;  // wall clock at start: the age our election votes carry
  State state_ = State::S_STARTING;
  std::deque<std::pair<Input, const char*>> inputs_;
  bool draining_ = false;
  std::optional<int> exit_code_;
  int exit_wanted_ = 0;

  // Membership and peers.
  std::set<std::string> members_;
  bool quorate_ = false;
  std::set<std::string> peers_online_;  // members whose controller we heard from
  std::map<std::string, std::string> uuids_;
  std::string dc_;

  Election election_;
  std::optional<MonoTime> pending_deadline_;
  std::optional<MonoTime> election_deadline_;

  LocalExecutor executor_;
  bool first_join_ = true;
  bool shutting_down_ = false;

  // DC.
  bool cib_master_ = false;
  bool pe_running_ = false;
  int pe_pid_ = 0;
  std::uint64_t join_id_ = 0;
  std::map<std::string, proto::crmd::JoinRequest> join_requests_;
  std::optional<MonoTime> integration_deadline_;
  std::uint64_t pe_reference_ = 0;
  std::optional<Graph> pending_graph_;
  std::string pending_source_;
  std::optional<TransitionEngine> te_;
  std::string te_source_;
  int transition_id_ = 0;
  std::optional<MonoTime> recheck_deadline_;
  std::set<cib::CibVersion> own_versions_;
  std::set<std::string> shutdown_nodes_;
  std::set<std::string> requested_shutdowns_;  // nodes whose shutdown attribute the last pengine input had
  std::set<std::string> planned_shutdowns_;    // the same, for the transition that ran last
};

}  // namespace pacer::crmd
