// The table of CIB failure kinds: errno carrier, Pacemaker exit code and wording.
#include "cibd/cib_errors.h"

#include <array>
#include <cstring>

namespace pacer::cib {
namespace {

// Exit codes are Pacemaker's crm_exit_t values, observed from the reference tools.
constexpr std::array<CibErrorInfo, 12> kTable{{
    {CibErrorKind::none, 0, 0, "OK"},
    {CibErrorKind::no_such_object, ENXIO, 105, "No such device or address"},
    {CibErrorKind::invalid_config, EPROTO, 78, "Update does not conform to the configured schema"},
    {CibErrorKind::old_data, ESTALE, 103, "Update was older than existing configuration"},
    {CibErrorKind::unsafe, EBUSY, 107, "Operation requires the --force option"},
    {CibErrorKind::bad_input, EBADMSG, 65, "Input is not valid XML"},
    {CibErrorKind::invalid_request, EINVAL, 2, "Invalid parameter"},
    {CibErrorKind::exists, EEXIST, 108, "File exists"},
    {CibErrorKind::permission, EACCES, 4, "Insufficient privileges"},
    {CibErrorKind::not_connected, ENOTCONN, 102, "Transport endpoint is not connected"},
    {CibErrorKind::io_error, EIO, 74, "Input/output error"},
    {CibErrorKind::other, EFAULT, 1, "Error occurred"},
}};

}  // namespace

const CibErrorInfo& cib_error_info(CibErrorKind kind) {
  for (const auto& info : kTable)
    if (info.kind == kind) return info;
  return kTable.back();
}

CibErrorKind cib_error_kind(const Status& status) {
  if (status.is_ok()) return CibErrorKind::none;
  int errnum = status.sys_errno();
  if (errnum == EPERM) return CibErrorKind::permission;
  if (errnum == ECONNREFUSED || errnum == ENOENT) return CibErrorKind::not_connected;
  for (const auto& info : kTable)
    if (info.errnum != 0 && info.errnum == errnum) return info.kind;
  return CibErrorKind::other;
}

Status cib_error(CibErrorKind kind, std::string detail) {
  return Status::from_errno(detail, cib_error_info(kind).errnum);
}

std::string cib_error_detail(const Status& status) {
  std::string message = status.message();
  if (status.sys_errno() != 0) {
    std::string suffix = std::string(": ") + std::strerror(status.sys_errno());
    if (message.size() >= suffix.size() &&
        message.compare(message.size() - suffix.size(), suffix.size(), suffix) == 0)
      message.resize(message.size() - suffix.size());
  }
  return message;
}

Status cib_error_from_wire(int errnum, const std::string& message) {
  if (errnum == 0) return Status::error(message);
  Status carried = Status::from_errno(message, errnum);
  return Status::from_errno(cib_error_detail(carried), errnum);
}

}  // namespace pacer::cib
