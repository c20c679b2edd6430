// Field-by-field conversions; the failure kind crosses as an errno (cib_errors.h).
#include "cibd/cib_protocol.h"

#include <fmt/format.h>

#include "cibd/cib_errors.h"

namespace pacer::cib {

proto::CibRequest to_proto(const CibRequest& request) {
  proto::CibRequest out;
  out.set_version(kCibProtocolVersion);
  out.set_operation(std::string(operation_name(request.operation)));
  out.set_section(request.section);
  out.set_xpath(request.xpath);
  out.set_data(request.data);
  out.set_force(request.force);
  out.set_no_children(request.no_children);
  out.set_can_create(request.can_create);
  out.set_multiple(request.multiple);
  return out;
}

Result<CibRequest> from_proto(const proto::CibRequest& request) {
  if (request.version() != kCibProtocolVersion)
    return cib_error(CibErrorKind::invalid_request,
                     fmt::format("unsupported CIB protocol version {}", request.version()));
  auto op = parse_operation(request.operation());
  if (!op)
    return cib_error(CibErrorKind::invalid_request, fmt::format("unknown operation '{}'", request.operation()));
  CibRequest out;
  out.operation = *op;
  out.section = request.section();
  out.xpath = request.xpath();
  out.data = request.data();
  out.force = request.force();
  out.no_children = request.no_children();
  out.can_create = request.can_create();
  out.multiple = request.multiple();
  return out;
}

proto::CibVersionTriple to_proto(const CibVersion& version) {
  proto::CibVersionTriple out;
  out.set_admin_epoch(version.admin_epoch);
  out.set_epoch(version.epoch);
  out.set_num_updates(version.num_updates);
  return out;
}

CibVersion from_proto(const proto::CibVersionTriple& version) {
  return CibVersion{version.admin_epoch(), version.epoch(), version.num_updates()};
}

proto::CibReply reply_to_proto(const Result<CibReplyData>& result) {
  proto::CibReply out;
  out.set_version(kCibProtocolVersion);
  if (!result) {
    Status s = result.status();
    out.set_error_errno(s.sys_errno() != 0 ? s.sys_errno() : cib_error_info(CibErrorKind::other).errnum);
    out.set_error_message(cib_error_detail(s));
    return out;
  }
  out.set_output(result->output);
  *out.mutable_cib_version() = to_proto(result->version);
  return out;
}

Result<CibReplyData> reply_from_proto(const proto::CibReply& reply) {
  if (reply.error_errno() != 0) return cib_error_from_wire(reply.error_errno(), reply.error_message());
  return CibReplyData{reply.output(), from_proto(reply.cib_version())};
}

proto::CibNotification to_proto(const CibChange& change) {
  proto::CibNotification out;
  out.set_version(kCibProtocolVersion);
  out.set_sequence(change.sequence);
  out.set_operation(change.operation);
  out.set_diff(change.diff);
  *out.mutable_before() = to_proto(change.before);
  *out.mutable_after() = to_proto(change.after);
  out.set_configuration_changed(change.configuration_changed);
  return out;
}

CibChange from_proto(const proto::CibNotification& notification) {
  CibChange out;
  out.sequence = notification.sequence();
  out.operation = notification.operation();
  out.diff = notification.diff();
  out.before = from_proto(notification.before());
  out.after = from_proto(notification.after());
  out.configuration_changed = notification.configuration_changed();
  return out;
}

}  // namespace pacer::cib
