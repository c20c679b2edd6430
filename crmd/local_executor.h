// LocalExecutor: the part of every controller (DC or not) that carries out the DC's rsc_ops on
// this node through lrmd and turns lrmd's results into reports for the DC.
//
//  * the resource is (re-)registered with the parameters the DC sent (lrmd refuses a changed
//    definition, so a changed one is unregistered first);
//  * a stop cancels the resource's recurring operations first, as 1.0's crmd did; a new recurring
//    operation replaces an old one with the same key;
//  * every request carries the transition key as lrmd user data, so the result names its action;
//  * a request lrmd refuses becomes a failed result at once (op status "error"), so the DC never
//    waits for an action that cannot run.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crmd.pb.h"
#include "common/clock.h"
#include "common/result.h"
#include "crmd/controller_ports.h"

namespace pacer::crmd {

class LocalExecutor {
 public:
  LocalExecutor(LocalLrm& lrm, LogSink& log) : lrm_(lrm), log_(log) {}

  // Runs one command; returns a report at once when lrmd refused it.
  std::optional<proto::crmd::LrmResource> execute(const proto::crmd::RscCommand& command);
  // A result from lrmd: logs it (process_lrm_event) and returns the report for the DC.
  std::optional<proto::crmd::LrmResource> on_result(const lrmd::OperationResult& result);
  // Everything lrmd knows (a JoinRequest's history).
  std::vector<proto::crmd::LrmResource> history();
  // crm_resource -F: the result of an "asyncmon" that failed (rc 1), newer than any call of the
  // resource, for on_result(). An error when lrmd does not know the resource here.
  Result<lrmd::OperationResult> fake_failure(const std::string& rsc_id, WallTime now);

 private:
  lrmd::ResourceSpec spec_of(const proto::crmd::RscCommand& command) const;
  proto::crmd::LrmResource cancel(const proto::crmd::RscCommand& command, lrmd::ResourceSpec spec,
                                  lrmd::Millis interval);
  Status ensure_registered(const lrmd::ResourceSpec& spec);
  void cancel_recurring(const std::string& rsc_id, const std::string& only_key = "");

  LocalLrm& lrm_;
  LogSink& log_;
  std::map<std::string, lrmd::ResourceSpec> specs_;         // by resource id
  std::map<std::string, std::pair<std::string, int>> recurring_;  // op key -> (rsc, call id)
  std::map<std::string, int> last_call_id_;                 // by resource id
  int cib_updates_ = 0;  // the cib-update counter of process_lrm_event lines
};

}  // namespace pacer::crmd
