// How a CIB failure says what kind it is. The kind travels inside pacer's one error type, Status,
// as its errno (Status::from_errno), so it survives IPC (the reply carries the errno) and each tool
// maps it to Pacemaker's exit code and wording in one table (cib_error_info).
#pragma once

#include <cerrno>
#include <string>
#include <string_view>

#include "common/result.h"

namespace pacer::cib {

enum class CibErrorKind {
  none,
  no_such_object,    // the element, section or XPath matched nothing
  invalid_config,    // the result would not validate (schema, duplicate id, dangling reference)
  old_data,          // a replace/sync older than the current copy, without force
  unsafe,            // erase without force
  bad_input,         // the XML could not be parsed or broke a limit
  invalid_request,   // unknown operation or section, bad XPath, missing data
  exists,            // create of an id that exists
  permission,        // the daemon refused our credentials
  not_connected,     // no daemon to talk to
  io_error,          // the CIB could not be written to disk
  other,
};

struct CibErrorInfo {
  CibErrorKind kind;
  int errnum;                 // the errno that carries the kind inside a Status
  int exit_code;              // Pacemaker's crm_exit_t for it
  std::string_view pacemaker_text;  // what Pacemaker's tools print after "Call failed: "
};

const CibErrorInfo& cib_error_info(CibErrorKind kind);
CibErrorKind cib_error_kind(const Status& status);

// A failure of `kind`; `detail` names the ids and the reason.
Status cib_error(CibErrorKind kind, std::string detail);
// `detail` without the errno text Status::from_errno appended.
std::string cib_error_detail(const Status& status);
// Rebuilds a Status received over IPC (errno + message) so that its kind is kept.
Status cib_error_from_wire(int errnum, const std::string& message);

}  // namespace pacer::cib
