// The wire frame of pacer IPC: a fixed header carrying the frame's length, then a Protobuf Envelope.
//
// Layout (host byte order; both ends run on the same host):
//   offset 0   int32  marker   kFrameMarker; libqb reads this slot as its message id, which must
//                              not collide with libqb's reserved negative ids
//   offset 8   int32  length   the whole frame in bytes, header included; libqb reads this slot as
//                              the message size
//   offset 16  bytes  Envelope (version, type, request_id, payload)
// The header has the layout of libqb's `struct qb_ipc_request_header`, so a frame is sent to and
// received from libqb as it is, without copying.
//
// decode_frame() is pure and bounded: it checks the declared length against the caller's maximum
// before anything is parsed and never reads outside the span it is given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "common/result.h"
#include "envelope.pb.h"

namespace pacer::ipc {

inline constexpr std::uint32_t kProtocolVersion = 1;
inline constexpr std::int32_t kFrameMarker = 0x50435231;  // "PCR1"
inline constexpr std::size_t kFrameHeaderSize = 16;
// Large enough for a whole CIB of a small cluster; daemons that need more say so explicitly.
inline constexpr std::size_t kDefaultMaxFrame = 256 * 1024;

// Serializes `envelope` into `out` (replacing its contents), header first. Fails if the frame would
// exceed `max_frame`. Takes an output buffer so that hot paths can reuse one allocation.
Status encode_frame(const proto::Envelope& envelope, std::size_t max_frame, std::string& out);

// The same, returning a new buffer.
Result<std::string> encode_frame(const proto::Envelope& envelope,
                                 std::size_t max_frame = kDefaultMaxFrame);

// Reads the length from the header, rejects it if it exceeds `max_frame` or disagrees with
// bytes.size(), then parses the Envelope and rejects unknown versions and missing or malformed types
// (a type is 1..64 of [A-Za-z0-9_.-]).
Result<proto::Envelope> decode_frame(std::span<const std::byte> bytes,
                                     std::size_t max_frame = kDefaultMaxFrame);

// The length a frame's header declares, or an error if `bytes` is shorter than a header. For
// callers (the IPC server) that must check a size before they may look at the rest.
Result<std::size_t> frame_declared_length(std::span<const std::byte> bytes);

}  // namespace pacer::ipc
