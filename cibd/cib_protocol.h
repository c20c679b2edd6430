// Conversions between the store's types and proto/cib.proto's messages, shared by the daemon's
// server and the client library, and the IPC message type names.
#pragma once

#include "cib.pb.h"
#include "cibd/cib_request.h"
#include "cibd/cib_store.h"
#include "common/result.h"

namespace pacer::cib {

inline constexpr std::uint32_t kCibProtocolVersion = 1;
inline constexpr const char* kCibDefaultService = "pacer-cib";
// The largest IPC frame between cibd and its clients. libqb sizes each connection's shared-memory
// rings to it, so it is kept small; XML payloads over kCompressAbove travel zlib-compressed (a
// whole 16-node x 1,000-resource CIB with status, ~20 MB, is well under 4 MiB compressed).
inline constexpr std::size_t kCibMaxFrame = 4u << 20;
// The largest XML a compressed payload may expand to (the parser's own limit).
inline constexpr std::size_t kCibMaxPayload = 256u << 20;
inline constexpr const char* kCibRequestType = "cib.request";
inline constexpr const char* kCibReplyType = "cib.reply";
inline constexpr const char* kCibSubscribeType = "cib.subscribe";
inline constexpr const char* kCibNotifyType = "cib.notify";

proto::CibRequest to_proto(const CibRequest& request);
// Fails on an unknown operation or protocol version.
Result<CibRequest> from_proto(const proto::CibRequest& request);

proto::CibVersionTriple to_proto(const CibVersion& version);
CibVersion from_proto(const proto::CibVersionTriple& version);

proto::CibReply reply_to_proto(const Result<CibReplyData>& result);
Result<CibReplyData> reply_from_proto(const proto::CibReply& reply);

// A peer message's `xml` (a diff or a whole CIB), compressed when large: a 16-node x
// 1,000-resource CIB is ~10 MB of XML, more than heartbeatd carries in one message, but well
// under 1 MB compressed.
void set_peer_xml(proto::CibPeerMessage& message, const std::string& xml);
Result<std::string> peer_xml(const proto::CibPeerMessage& message);

proto::CibNotification to_proto(const CibChange& change);
Result<CibChange> from_proto(const proto::CibNotification& notification);

}  // namespace pacer::cib
