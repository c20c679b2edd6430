// pm_logconv's fail-over summary (DC only): from the DC's crmd/pengine lines it learns the cause
// of a transition (a resource failure, a lost node, an attribute rule turning true), the plan for
// each resource (pengine's LogActions), what was initiated, and at the end of the transition prints
//   Start to fail-over. / Resource <rsc> : Move pm1 -> pm2 / fail-over succeeded.
// The algorithm is the spec's (shared/spec/pm-logconv.md, "Fail-over summary").
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tools/logconv_attribute_rule.h"
#include "tools/logconv_line.h"
#include "tools/logconv_message.h"

namespace pacer::tools {

class FailoverTracker {
 public:
  FailoverTracker(std::vector<std::string> act_rsc, std::vector<AttributeRule> rules,
                  std::map<std::string, std::string> hostcache);

  // The summary messages this line triggers (usually none).
  std::vector<LogconvMessage> observe(const LogLine& line);
  // Forgets everything (heartbeat restarted, or nothing happened for reset_interval).
  void reset();
  bool in_progress() const { return failover_; }

 private:
  enum class Plan { start, stop, move, leave_started, leave_stopped, recover };
  struct Planned {
    Plan plan = Plan::leave_started;
    std::string from, to;
  };

  void note_plan(const std::string& text);
  bool score_failure() const;
  bool should_start() const;
  std::vector<LogconvMessage> finish();
  std::string node_of_uuid(const std::string& uuid) const;

  std::vector<std::string> act_rsc_;
  std::vector<AttributeRule> rules_;
  std::map<std::string, std::string> hostcache_;  // uuid -> name

  std::map<std::string, std::map<std::string, std::string>> attributes_;  // node -> name -> value
  std::map<std::string, std::string> node_state_;                         // node -> pengine's word
  std::set<std::string> shutting_down_;
  bool resource_failure_ = false;
  bool node_failure_ = false;
  std::map<std::string, Planned> plans_;
  std::set<std::string> unmanaged_;
  std::set<std::string> initiated_;
  bool failover_ = false;
};

}  // namespace pacer::tools
