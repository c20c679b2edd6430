// crm_simulate's "requested modifications" (-u, -d, -f, -i) and the simulated execution of a
// transition (-S with -F failures), both as edits of the CIB's status section — the way Pacemaker
// 2.1.5's crm_simulate does them, so the same injections lead to the same decisions.
//
// Each edit leaves an operator-facing line (`  * Bringing node pm2 online`, `  * Injecting
// prmFs_monitor_10000@pm2=7 into the configuration`) in the reference's words. Pure: the caller
// owns the document and passes `now`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/xml.h"
#include "pengine/schedule.h"

namespace pacer::pengine {

// "${resource}_${task}_${interval_in_ms}@${node}=${rc}", as -i and -F take it.
struct OpInjection {
  std::string rsc;     // as named: the history entries are named after it ("prmS:0_last_0")
  std::string lrm_id;  // the lrm_resource it is filed under when not `rsc` (an instance's "prmS:0")
  std::string task;
  long long interval_ms = 0;
  std::string node;
  int rc = 0;
  // What the operation was expected to return: a result that differs is recorded as the last
  // failure. An injection (-i) expects 0; a simulated probe of a stopped resource expects 7.
  int target_rc = 0;
  std::string spec;  // as given
};

Result<OpInjection> parse_op_injection(std::string_view spec);

class CibInjector {
 public:
  CibInjector(XmlDocument& cib, std::int64_t now) : cib_(cib), now_(now) {}

  void node_up(const std::string& uname);
  void node_down(const std::string& uname);
  // Still a member of the cluster's configuration, gone from its membership: unclean.
  void node_fail(const std::string& uname);
  // Records the operation's result as the node's lrmd would have; a failure also bumps
  // fail-count-<rsc>#<task>_<interval> and sets last-failure, as the DC would. Errors name an
  // unknown resource.
  Status inject_op(const OpInjection& op);

  // The lines "Performing Requested Modifications:" lists, each ending in a newline.
  const std::string& lines() const { return lines_; }

  // The pieces execute_transition() uses, without operator lines. `digest` is recorded as the
  // op-digest when given (injected results carry none, as the reference's do).
  Status record_result(const OpInjection& op, const std::optional<std::string>& digest);
  void fenced(const std::string& uname);
  // The id an anonymous clone's instance has in `uname`'s history ("prmS:0" or "prmS"), or
  // `base` when it has none there yet.
  std::string history_name(const std::string& base, const std::string& uname);
  void clear_fail_count(const std::string& rsc, const std::string& uname);

 private:
  XmlNode node_state(const std::string& uname);
  void set_membership(XmlNode state, bool up);
  XmlNode transient_attributes(XmlNode state);
  void bump_fail_count(XmlNode state, const OpInjection& op);

  XmlDocument& cib_;
  std::int64_t now_;
  std::string lines_;
};

// What a simulated run of a transition did.
struct TransitionRun {
  std::vector<int> executed;          // action ids in the order they ran, pseudo actions included
  std::optional<int> failed_action;   // the -F failure that stopped the run, last in `executed`
  std::string failure_lines;          // "Pretending action N failed with rc=R" and its fail-count lines
};

// Runs a schedule's transition against the CIB it came from, in execution_order(): every action
// that can run is recorded as a result in the status section (a fenced node leaves the
// membership and loses its history). An action `failures` names fails instead, and, as the
// reference's simulated executor aborts the transition there, nothing after it runs.
// crm_simulate -S then unpacks the result for "Revised Cluster Status"; -O saves it.
Result<TransitionRun> execute_transition(XmlDocument& cib, const Schedule& schedule,
                                         const std::vector<OpInjection>& failures, std::int64_t now);

}  // namespace pacer::pengine
