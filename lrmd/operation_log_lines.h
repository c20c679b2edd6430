// The log lines about resource operations that pm_logconv parses (shared/spec/pm-logconv.md): the
// ones lrmd writes and the ones crmd writes when it performs an operation and when the result
// comes back. They live here, beside the result type, so that both daemons print exactly one form.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "common/log.h"
#include "lrmd/lrmd_types.h"

namespace pacer::lrmd {

struct LogLine {
  LogLevel level = LogLevel::info;
  std::string text;
};

// lrmd, when it accepts an operation: "rsc:prmPg:63: start" (a monitor with interval 0 is a
// "probe", as Heartbeat's lrmd said).
std::string lrmd_operation_line(std::string_view rsc_id, int call_id, std::string_view operation,
                                Millis interval);

// lrmd, one line of agent output: "RA output: (prmPg:start:stderr) text".
std::string lrmd_agent_output_line(std::string_view rsc_id, std::string_view operation,
                                   std::string_view stream, std::string_view text);

// crmd: "do_lrm_rsc_op: Performing key=18:14:0:54ec... op=prmPg_start_0 )".
std::string crmd_perform_line(std::string_view transition_key, std::string_view op_key);

// crmd's process_lrm_event line for a result, at the level Pacemaker 1.0 used:
//   done       info   "process_lrm_event: LRM operation prmPg_start_0 (call=63, rc=0, cib-update=69, confirmed=true) ok"
//   timed out  ERROR  "process_lrm_event: LRM operation prmPg_stop_0 (70) Timed Out (timeout=60000ms)"
//   cancelled  info   "process_lrm_event: LRM operation prmPg_monitor_10000 (call=64, status=1, cib-update=0, confirmed=true) Cancelled"
//   other      ERROR  same shape as cancelled with the status text.
// A done result with rc != 0 is logged at info too, as 1.0 did for expected rcs; pm_logconv
// decides failure from the rc, not the level.
LogLine crmd_lrm_event_line(const OperationResult& result, int cib_update, bool confirmed);

}  // namespace pacer::lrmd
