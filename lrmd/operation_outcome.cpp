// Result building; see the header for the table of what maps to what.
#include "lrmd/operation_outcome.h"

#include <cerrno>

#include <fmt/format.h>

namespace pacer::lrmd {
namespace {

OperationResult base(const OutcomeContext& c) {
  OperationResult r;
  r.call_id = c.call_id;
  r.rsc_id = c.request->rsc_id;
  r.operation = c.request->operation;
  r.interval = c.request->interval;
  r.timeout = c.timeout;
  r.user_data = c.request->user_data;
  r.params = c.request->params;
  r.run_time = c.wall_seconds;
  return r;
}

Millis since(MonoTime from, MonoTime to) {
  if (to < from) return Millis(0);
  return std::chrono::duration_cast<Millis>(to - from);
}

}  // namespace

std::string cap_output(std::string text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  text.resize(max_bytes);
  text += "\n[output truncated]";
  return text;
}

OperationResult result_from_exec(const OutcomeContext& c, const ResourceClass& klass,
                                 const ExecOutcome& outcome) {
  OperationResult r = base(c);
  r.exec_time = since(outcome.started, outcome.finished);
  r.queue_time = since(c.due, outcome.started);
  if (!outcome.exit) {
    int err = outcome.exit.status().sys_errno();
    r.output = outcome.exit.status().message();
    if (err == ENOENT || err == EISDIR || err == ENOTDIR) {
      r.rc = rc::not_installed;
      r.op_status = OpStatus::done;
    } else if (err == EACCES || err == EPERM) {
      r.rc = rc::err_perm;
      r.op_status = OpStatus::done;
    } else {
      r.rc = rc::exec_unknown_error;
      r.op_status = OpStatus::error;
    }
    return r;
  }
  const ExitStatus& exit = *outcome.exit;
  r.output = cap_output(exit.stdout_text, c.max_output_bytes);
  if (exit.timed_out) {
    r.rc = rc::exec_unknown_error;
    r.op_status = OpStatus::timed_out;
  } else if (!exit.exited) {
    r.rc = rc::exec_unknown_error;
    r.op_status = OpStatus::error;
    if (r.output.empty()) r.output = exit.describe();
  } else {
    r.rc = klass.map_exit(*c.request, exit.code);
    r.op_status = OpStatus::done;
  }
  return r;
}

OperationResult result_from_immediate(const OutcomeContext& c, const ImmediateOutcome& outcome) {
  OperationResult r = base(c);
  r.rc = outcome.rc;
  r.op_status = outcome.status;
  r.output = cap_output(outcome.output, c.max_output_bytes);
  return r;
}

bool should_report(const std::optional<std::pair<int, OpStatus>>& last_reported,
                   const OperationResult& result, bool recurring, bool every_time) {
  if (!recurring || every_time || !last_reported) return true;
  return last_reported->first != result.rc || last_reported->second != result.op_status;
}

}  // namespace pacer::lrmd
