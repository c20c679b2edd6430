// Encoding and bounded decoding of the IPC wire frame (see frame.h for the layout).
#include "common/ipc/frame.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace pacer::ipc {
namespace {

constexpr std::size_t kMarkerOffset = 0;
constexpr std::size_t kLengthOffset = 8;

constexpr std::size_t kMaxTypeLength = 64;

bool valid_type(std::string_view type) {
  if (type.empty() || type.size() > kMaxTypeLength) return false;
  return std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
  });
}

std::int32_t read_int32(std::span<const std::byte> bytes, std::size_t offset) {
  std::int32_t value;
  std::memcpy(&value, bytes.data() + offset, sizeof value);  // memcpy: the buffer may be unaligned
  return value;
}

}  // namespace

Status encode_frame(const proto::Envelope& envelope, std::size_t max_frame, std::string& out) {
  const std::size_t body = envelope.ByteSizeLong();
  const std::size_t total = kFrameHeaderSize + body;
  if (total > max_frame)
    return Status::error(fmt::format("frame of {} bytes exceeds the limit of {} bytes", total, max_frame));
  if (total > static_cast<std::size_t>(INT32_MAX))
    return Status::error(fmt::format("frame of {} bytes does not fit the length field", total));

  out.assign(total, '\0');  // zeroes the header's padding too
  const std::int32_t marker = kFrameMarker;
  const auto length = static_cast<std::int32_t>(total);
  std::memcpy(out.data() + kMarkerOffset, &marker, sizeof marker);
  std::memcpy(out.data() + kLengthOffset, &length, sizeof length);
  if (!envelope.SerializeToArray(out.data() + kFrameHeaderSize, static_cast<int>(body)))
    return Status::error("could not serialize the envelope");
  return Status::ok();
}

Result<std::string> encode_frame(const proto::Envelope& envelope, std::size_t max_frame) {
  std::string out;
  if (Status s = encode_frame(envelope, max_frame, out); !s) return s;
  return out;
}

Result<std::size_t> frame_declared_length(std::span<const std::byte> bytes) {
  if (bytes.size() < kFrameHeaderSize)
    return Status::error(fmt::format("truncated frame: {} bytes, a header needs {}", bytes.size(),
                                     kFrameHeaderSize));
  const std::int32_t length = read_int32(bytes, kLengthOffset);
  if (length < static_cast<std::int32_t>(kFrameHeaderSize))
    return Status::error(fmt::format("bad frame length {}", length));
  return static_cast<std::size_t>(length);
}

Result<proto::Envelope> decode_frame(std::span<const std::byte> bytes, std::size_t max_frame) {
  Result<std::size_t> length = frame_declared_length(bytes);
  if (!length) return length.status();
  // The limit comes first: nothing past the header is looked at for an oversized frame.
  if (*length > max_frame)
    return Status::error(fmt::format("frame of {} bytes exceeds the limit of {} bytes", *length, max_frame));
  if (*length > bytes.size())
    return Status::error(fmt::format("truncated frame: header says {} bytes, {} received", *length,
                                     bytes.size()));
  if (*length < bytes.size())
    return Status::error(fmt::format("frame length {} disagrees with the {} bytes received", *length,
                                     bytes.size()));
  const std::int32_t marker = read_int32(bytes, kMarkerOffset);
  if (marker != kFrameMarker)
    return Status::error(fmt::format("not a pacer frame (marker {:#x})", static_cast<std::uint32_t>(marker)));

  proto::Envelope envelope;
  if (!envelope.ParseFromArray(bytes.data() + kFrameHeaderSize,
                               static_cast<int>(*length - kFrameHeaderSize)))
    return Status::error("malformed envelope");
  if (envelope.version() != kProtocolVersion)
    return Status::error(fmt::format("unsupported protocol version {} (this side speaks {})",
                                     envelope.version(), kProtocolVersion));
  if (envelope.type().empty()) return Status::error("message without a type");
  // Checked here because the type is a dispatch key and goes into log lines.
  if (!valid_type(envelope.type())) return Status::error("malformed message type");
  return envelope;
}

}  // namespace pacer::ipc
