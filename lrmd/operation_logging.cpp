// Log lines for finished operations. The output of meta-data is never logged (it is the answer,
// not a diagnostic); the number of output lines logged per run is bounded so that a chatty agent
// cannot flood ha-log.
#include "lrmd/operation_logging.h"

#include <sstream>

#include "lrmd/operation_log_lines.h"

namespace pacer::lrmd {
namespace {

void log_lines(Logger& log, const OperationResult& result, std::string_view stream,
               const std::string& text, size_t max_lines) {
  std::istringstream in(text);
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (n++ == max_lines) {
      log.info("{}", lrmd_agent_output_line(result.rsc_id, result.operation, stream,
                                            "[further output not logged]"));
      return;
    }
    log.info("{}", lrmd_agent_output_line(result.rsc_id, result.operation, stream, line));
  }
}

}  // namespace

bool expected_result(const OperationResult& result) {
  if (result.op_status != OpStatus::done) return false;
  if (result.rc == rc::ok) return true;
  if (result.operation != "monitor") return false;
  if (result.rc == rc::running_master) return true;
  return result.rc == rc::not_running && result.interval.count() == 0;
}

void log_operation_result(Logger& log, const ResourceSpec& resource, std::uint64_t client,
                          const OperationResult& result, pid_t pid, const std::string& stderr_text,
                          size_t max_output_lines) {
  if (result.operation != "meta-data") {
    log_lines(log, result, "stderr", stderr_text, max_output_lines);
    if (pid >= 0 && !expected_result(result))
      log_lines(log, result, "stdout", result.output, max_output_lines);
  }
  std::string what = fmt::format("operation {}[{}] on {}::{} for client {}", result.operation,
                                 result.call_id, resource.agent_name(), resource.id, client);
  switch (result.op_status) {
    case OpStatus::timed_out:
      log.warn("{}:{} process (PID {}) timed out (try 1).  Killing with signal SIGTERM (15).",
               resource.id, result.operation, pid);
      log.warn("{}: pid [{}] timed out", what, pid);
      break;
    case OpStatus::done:
      if (pid < 0)  // decided without running the agent
        log.info("{}: rc {} ({}) without running it: {}", what, result.rc, rc_text(result.rc),
                 result.output);
      else if (result.interval.count() == 0 || !expected_result(result))
        log.info("{}: pid {} exited with return code {}", what, pid, result.rc);
      break;
    default:
      log.error("{}: {} (rc={}): {}", what, op_status_text(result.op_status), result.rc,
                result.output);
  }
}

}  // namespace pacer::lrmd
