// Splitting frames into ring-sized fragments and putting them back together (see fragment.h).
#include "common/ipc/fragment.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

#include "common/ipc/frame.h"

namespace pacer::ipc {
namespace {

constexpr std::size_t kIndexOffset = 4;
constexpr std::size_t kLengthOffset = 8;
constexpr std::size_t kCountOffset = 12;
constexpr std::size_t kMessageOffset = 16;
constexpr std::size_t kTotalOffset = 24;

template <typename T>
T read_at(std::span<const std::byte> bytes, std::size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof value);  // memcpy: the buffer may be unaligned
  return value;
}

template <typename T>
void write_at(std::byte* out, std::size_t offset, T value) {
  std::memcpy(out + offset, &value, sizeof value);
}

bool has_marker(std::span<const std::byte> chunk, std::int32_t marker) {
  return chunk.size() >= sizeof marker && read_at<std::int32_t>(chunk, 0) == marker;
}

}  // namespace

bool is_fragment(std::span<const std::byte> chunk) { return has_marker(chunk, kFragmentMarker); }

bool is_ack(std::span<const std::byte> chunk) { return chunk.size() == kAckSize && has_marker(chunk, kAckMarker); }

std::span<const std::byte, kAckSize> ack_chunk() {
  static const std::array<std::byte, kAckSize> ack = [] {
    std::array<std::byte, kAckSize> bytes{};
    write_at<std::int32_t>(bytes.data(), 0, kAckMarker);
    write_at<std::int32_t>(bytes.data(), kLengthOffset, static_cast<std::int32_t>(kAckSize));
    return bytes;
  }();
  return ack;
}

FragmentWriter::FragmentWriter(std::span<const std::byte> frame, std::size_t max_chunk,
                               std::uint64_t message_id, std::uint32_t first_index)
    : frame_(frame),
      piece_(std::max(max_chunk, kMinChunk) - kFragmentHeaderSize),
      message_id_(message_id),
      next_(first_index) {
  if (frame.size() <= std::max(max_chunk, kMinChunk)) {
    count_ = 1;
  } else {
    count_ = static_cast<std::uint32_t>((frame.size() + piece_ - 1) / piece_);
  }
  std::memset(header_, 0, sizeof header_);
}

FragmentWriter::Chunk FragmentWriter::next() {
  if (count_ == 1) return Chunk{{}, frame_};
  const std::size_t offset = static_cast<std::size_t>(next_) * piece_;
  const std::size_t size = std::min(piece_, frame_.size() - offset);
  write_at<std::int32_t>(header_, 0, kFragmentMarker);
  write_at<std::uint32_t>(header_, kIndexOffset, next_);
  write_at<std::int32_t>(header_, kLengthOffset, static_cast<std::int32_t>(kFragmentHeaderSize + size));
  write_at<std::uint32_t>(header_, kCountOffset, count_);
  write_at<std::uint64_t>(header_, kMessageOffset, message_id_);
  write_at<std::uint64_t>(header_, kTotalOffset, static_cast<std::uint64_t>(frame_.size()));
  return Chunk{{header_, kFragmentHeaderSize}, frame_.subspan(offset, size)};
}

Reassembler::Reassembler(std::size_t max_frame, std::size_t max_chunk, std::size_t max_partial)
    : max_frame_(max_frame), max_chunk_(max_chunk), max_partial_(max_partial) {}

std::size_t Reassembler::buffered() const {
  std::size_t sum = 0;
  for (const Partial& p : partial_) sum += p.bytes.size();
  return sum;
}

Result<std::optional<std::span<const std::byte>>> Reassembler::feed(std::span<const std::byte> chunk) {
  // Both kinds of chunk start with libqb's header: marker at 0, length at 8.
  Result<std::size_t> length = frame_declared_length(chunk);
  if (!length) return length.status();
  // Nothing past the header is read of a chunk claiming more than a ring holds: the bytes the
  // caller passes may be a view of the ring that is only that long.
  if (*length > max_chunk_)
    return Status::error(fmt::format("chunk of {} bytes exceeds the ring's {} bytes", *length, max_chunk_));
  if (*length != chunk.size())
    return Status::error(fmt::format("chunk length {} disagrees with the {} bytes received", *length,
                                     chunk.size()));
  const auto marker = read_at<std::int32_t>(chunk, 0);
  if (marker == kFrameMarker) return std::optional<std::span<const std::byte>>(chunk);
  if (marker != kFragmentMarker)
    return Status::error(fmt::format("not a pacer frame or fragment (marker {:#x})", static_cast<std::uint32_t>(marker)));
  if (chunk.size() <= kFragmentHeaderSize)
    return Status::error(fmt::format("fragment of {} bytes carries no data", chunk.size()));

  const auto index = read_at<std::uint32_t>(chunk, kIndexOffset);
  const auto count = read_at<std::uint32_t>(chunk, kCountOffset);
  const auto message_id = read_at<std::uint64_t>(chunk, kMessageOffset);
  const auto total = read_at<std::uint64_t>(chunk, kTotalOffset);
  const std::span<const std::byte> data = chunk.subspan(kFragmentHeaderSize);

  auto it = std::find_if(partial_.begin(), partial_.end(),
                         [&](const Partial& p) { return p.message_id == message_id; });
  if (it == partial_.end()) {
    if (message_id <= last_started_)
      return Status::error(fmt::format("fragment {} of message {}, which is not in progress (duplicate or stale)",
                                       index, message_id));
    if (index != 0)
      return Status::error(fmt::format("message {} starts at fragment {} of {} (out of order or truncated)",
                                       message_id, index, count));
    if (total > max_frame_)
      return Status::error(fmt::format("fragmented frame of {} bytes exceeds the limit of {} bytes", total,
                                       max_frame_));
    if (count < 2 || total < kFrameHeaderSize || count > total)
      return Status::error(fmt::format("message {}: bad fragment count {} for {} bytes", message_id, count, total));
    if (partial_.size() >= max_partial_)
      return Status::error(fmt::format("more than {} fragmented messages in progress", max_partial_));
    last_started_ = message_id;
    it = partial_.insert(partial_.end(), Partial{message_id, count, 0, static_cast<std::size_t>(total), {}});
  } else {
    if (count != it->count || total != it->total)
      return Status::error(fmt::format("message {}: fragment {} disagrees on the count or length", message_id, index));
    if (index < it->next_index)
      return Status::error(fmt::format("message {}: duplicate fragment {}", message_id, index));
    if (index > it->next_index)
      return Status::error(fmt::format("message {}: fragment {} while {} was expected (out of order)", message_id,
                                       index, it->next_index));
  }

  Partial& p = *it;
  if (data.size() > p.total - p.bytes.size())
    return Status::error(fmt::format("message {}: fragment {} overruns the declared {} bytes", message_id, index,
                                     p.total));
  p.bytes.append(reinterpret_cast<const char*>(data.data()), data.size());
  ++p.next_index;
  if (p.next_index < p.count) return std::optional<std::span<const std::byte>>();
  if (p.bytes.size() != p.total)
    return Status::error(fmt::format("message {}: truncated, {} of {} bytes in {} fragments", message_id,
                                     p.bytes.size(), p.total, p.count));
  completed_ = std::move(p.bytes);
  partial_.erase(it);
  return std::optional<std::span<const std::byte>>(
      std::span<const std::byte>(reinterpret_cast<const std::byte*>(completed_.data()), completed_.size()));
}

}  // namespace pacer::ipc
