// Outbox: in-order, bounded queueing of frames for a libqb channel whose ring is full (see outbox.h).
#include "common/ipc/outbox.h"

#include <cerrno>

#include <fmt/format.h>

#include "common/ipc/fragment.h"

namespace pacer::ipc {

Outbox::Outbox(std::size_t max_chunk, std::size_t max_queued) : max_chunk_(max_chunk), max_queued_(max_queued) {}

Result<std::uint32_t> Outbox::send_from(std::span<const std::byte> frame, std::uint64_t message_id,
                                        std::uint32_t index, const SendChunk& send_chunk, bool& progress) {
  FragmentWriter writer(frame, max_chunk_, message_id, index);
  while (!writer.done()) {
    const FragmentWriter::Chunk chunk = writer.next();
    iovec iov[2];
    std::size_t n = 0;
    if (!chunk.header.empty())
      iov[n++] = iovec{const_cast<std::byte*>(chunk.header.data()), chunk.header.size()};
    iov[n++] = iovec{const_cast<std::byte*>(chunk.data.data()), chunk.data.size()};
    const ssize_t sent = send_chunk({iov, n});
    if (sent == -EAGAIN) break;
    if (sent < 0) return Status::from_errno("sending a chunk", static_cast<int>(-sent));
    if (static_cast<std::size_t>(sent) != chunk.size())
      return Status::error(fmt::format("short send: {} of {} bytes", sent, chunk.size()));
    progress = true;
    writer.advance();
  }
  return writer.next_index();
}

Status Outbox::send(std::span<const std::byte> frame, const SendChunk& send_chunk) {
  const std::uint64_t message_id = next_message_id_++;
  std::uint32_t sent_fragments = 0;
  if (queue_.empty()) {
    bool progress = false;
    Result<std::uint32_t> reached = send_from(frame, message_id, 0, send_chunk, progress);
    if (!reached) return reached.status();
    if (FragmentWriter(frame, max_chunk_, message_id).count() == *reached) return Status::ok();
    sent_fragments = *reached;
  }
  // A frame partly sent is always kept, whatever the bound: it cannot be taken back.
  if (sent_fragments == 0 && !queue_.empty() && queued_bytes_ + frame.size() > max_queued_)
    return Status::error(fmt::format("the peer is not reading: {} bytes queued, limit {}", queued_bytes_ + frame.size(),
                                     max_queued_));
  queue_.push_back(Pending{std::string(reinterpret_cast<const char*>(frame.data()), frame.size()), message_id,
                           sent_fragments});
  queued_bytes_ += frame.size();
  return Status::ok();
}

Result<bool> Outbox::pump(const SendChunk& send_chunk) {
  bool progress = false;
  while (!queue_.empty()) {
    Pending& front = queue_.front();
    const std::span<const std::byte> frame(reinterpret_cast<const std::byte*>(front.frame.data()), front.frame.size());
    Result<std::uint32_t> reached = send_from(frame, front.message_id, front.next_index, send_chunk, progress);
    if (!reached) return reached.status();
    front.next_index = *reached;
    if (front.next_index < FragmentWriter(frame, max_chunk_, front.message_id).count()) break;
    queued_bytes_ -= front.frame.size();
    queue_.pop_front();
  }
  return progress;
}

}  // namespace pacer::ipc
