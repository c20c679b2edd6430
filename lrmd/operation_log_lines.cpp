// Formats of the operation log lines; the spec (pm-logconv.md) and the seed's ha-log are the
// reference for every character.
#include "lrmd/operation_log_lines.h"

#include <fmt/format.h>

namespace pacer::lrmd {

std::string lrmd_operation_line(std::string_view rsc_id, int call_id, std::string_view operation,
                                Millis interval) {
  std::string_view shown = (operation == "monitor" && interval.count() == 0) ? "probe" : operation;
  return fmt::format("rsc:{}:{}: {}", rsc_id, call_id, shown);
}

std::string lrmd_agent_output_line(std::string_view rsc_id, std::string_view operation,
                                   std::string_view stream, std::string_view text) {
  return fmt::format("RA output: ({}:{}:{}) {}", rsc_id, operation, stream, text);
}

std::string crmd_perform_line(std::string_view transition_key, std::string_view op_key) {
  return fmt::format("do_lrm_rsc_op: Performing key={} op={} )", transition_key, op_key);
}

LogLine crmd_lrm_event_line(const OperationResult& result, int cib_update, bool confirmed) {
  std::string key = operation_key(result.rsc_id, result.operation, result.interval);
  const char* confirmed_text = confirmed ? "true" : "false";
  switch (result.op_status) {
    case OpStatus::done:
      return {LogLevel::info,
              fmt::format("process_lrm_event: LRM operation {} (call={}, rc={}, cib-update={}, "
                          "confirmed={}) {}",
                          key, result.call_id, result.rc, cib_update, confirmed_text,
                          rc_text(result.rc))};
    case OpStatus::timed_out:
      return {LogLevel::error,
              fmt::format("process_lrm_event: LRM operation {} ({}) {} (timeout={}ms)", key,
                          result.call_id, op_status_text(result.op_status),
                          result.timeout.count())};
    default:
      return {result.op_status == OpStatus::cancelled ? LogLevel::info : LogLevel::error,
              fmt::format("process_lrm_event: LRM operation {} (call={}, status={}, cib-update={}, "
                          "confirmed={}) {}",
                          key, result.call_id, static_cast<int>(result.op_status), cib_update,
                          confirmed_text, op_status_text(result.op_status))};
  }
}

}  // namespace pacer::lrmd
