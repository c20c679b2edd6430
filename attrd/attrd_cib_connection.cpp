// attrd's reconnecting use of the CIB client.
#include "attrd/attrd_cib_connection.h"

#include "cibd/cib_errors.h"

namespace pacer::attrd {

Status AttrdCibConnection::ensure_connected() {
  if (client_) return Status::ok();
  cib::CibClientOptions options;
  options.timeout = Millis(30000);
  auto c = cib::connect_cib(loop_, options);
  if (!c) return c.status();
  client_ = std::move(*c);
  return Status::ok();
}

Status AttrdCibConnection::perform(const cib::CibRequest& request) {
  if (Status s = ensure_connected(); !s) return s;
  auto r = client_->perform(request);
  if (!r) {
    if (cib::cib_error_kind(r.status()) == cib::CibErrorKind::no_such_object &&
        request.operation == cib::CibOperation::remove)
      return Status::ok();
    client_.reset();
    return r.status();
  }
  return Status::ok();
}

Result<std::string> AttrdCibConnection::query(const cib::CibRequest& request) {
  if (Status s = ensure_connected(); !s) return s;
  auto r = client_->perform(request);
  if (!r) {
    if (cib::cib_error_kind(r.status()) == cib::CibErrorKind::no_such_object) return std::string();
    client_.reset();
    return r.status();
  }
  return r->output;
}

}  // namespace pacer::attrd
