// Texts and keys of lrmd's vocabulary, fixed by what Pacemaker 1.0 logged (pm_logconv reads them).
#include "lrmd/lrmd_types.h"

#include <fmt/format.h>

namespace pacer::lrmd {

std::string_view op_status_text(OpStatus status) {
  switch (status) {
    case OpStatus::pending: return "pending";
    case OpStatus::done: return "complete";
    case OpStatus::cancelled: return "Cancelled";
    case OpStatus::timed_out: return "Timed Out";
    case OpStatus::not_supported: return "NOT SUPPORTED";
    case OpStatus::error: return "Error";
  }
  return "UNKNOWN";
}

std::string_view rc_text(int code) {
  switch (code) {
    case rc::ok: return "ok";
    case rc::err_generic: return "unknown error";
    case rc::err_args: return "invalid parameter";
    case rc::unimplemented: return "unimplemented feature";
    case rc::err_perm: return "insufficient privileges";
    case rc::not_installed: return "not installed";
    case rc::not_configured: return "not configured";
    case rc::not_running: return "not running";
    case rc::running_master: return "master";
    case rc::failed_master: return "master (failed)";
    default: return "unknown";
  }
}

std::string ResourceSpec::agent_name() const {
  if (provider.empty()) return fmt::format("{}::{}", rclass, type);
  return fmt::format("{}::{}::{}", rclass, provider, type);
}

std::string operation_key(std::string_view rsc_id, std::string_view operation, Millis interval) {
  return fmt::format("{}_{}_{}", rsc_id, operation, interval.count());
}

}  // namespace pacer::lrmd
