// Field-by-field conversions; the failure kind crosses as an errno (cib_errors.h).
#include "cibd/cib_protocol.h"

#include <fmt/format.h>

#include "cibd/cib_errors.h"
#include "cibd/payload_compression.h"

namespace pacer::cib {
namespace {

// Sets `text` into a field, compressed when large; returns whether it was.
template <typename Setter>
bool set_maybe_compressed(const std::string& text, Setter set) {
  if (text.size() <= kCompressAbove) {
    set(text);
    return false;
  }
  set(compress_payload(text));
  return true;
}

Result<std::string> read_maybe_compressed(const std::string& field, bool compressed) {
  if (!compressed) return field;
  return decompress_payload(field, kCibMaxPayload);
}

}  // namespace

void set_peer_xml(proto::CibPeerMessage& message, const std::string& xml) {
  message.set_xml_zlib(set_maybe_compressed(xml, [&](std::string v) { message.set_xml(std::move(v)); }));
}

Result<std::string> peer_xml(const proto::CibPeerMessage& message) {
  return read_maybe_compressed(message.xml(), message.xml_zlib());
}

proto::CibRequest to_proto(const CibRequest& request) {
  proto::CibRequest out;
  out.set_version(kCibProtocolVersion);
  out.set_operation(std::string(operation_name(request.operation)));
  out.set_section(request.section);
  out.set_xpath(request.xpath);
  out.set_data_zlib(set_maybe_compressed(request.data, [&](std::string v) { out.set_data(std::move(v)); }));
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
  auto data = read_maybe_compressed(request.data(), request.data_zlib());
  if (!data) return data.status();
  out.data = std::move(*data);
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
  out.set_output_zlib(set_maybe_compressed(result->output, [&](std::string v) { out.set_output(std::move(v)); }));
  *out.mutable_cib_version() = to_proto(result->version);
  return out;
}

Result<CibReplyData> reply_from_proto(const proto::CibReply& reply) {
  if (reply.error_errno() != 0) return cib_error_from_wire(reply.error_errno(), reply.error_message());
  auto output = read_maybe_compressed(reply.output(), reply.output_zlib());
  if (!output) return output.status();
  return CibReplyData{std::move(*output), from_proto(reply.cib_version()), {}};
}

proto::CibNotification to_proto(const CibChange& change) {
  proto::CibNotification out;
  out.set_version(kCibProtocolVersion);
  out.set_sequence(change.sequence);
  out.set_operation(change.operation);
  out.set_diff_zlib(set_maybe_compressed(change.diff, [&](std::string v) { out.set_diff(std::move(v)); }));
  *out.mutable_before() = to_proto(change.before);
  *out.mutable_after() = to_proto(change.after);
  out.set_configuration_changed(change.configuration_changed);
  return out;
}

Result<CibChange> from_proto(const proto::CibNotification& notification) {
  auto diff = read_maybe_compressed(notification.diff(), notification.diff_zlib());
  if (!diff) return diff.status();
  CibChange out;
  out.sequence = notification.sequence();
  out.operation = notification.operation();
  out.diff = std::move(*diff);
  out.before = from_proto(notification.before());
  out.after = from_proto(notification.after());
  out.configuration_changed = notification.configuration_changed();
  return out;
}

}  // namespace pacer::cib
