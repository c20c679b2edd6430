// Outbox: the frames waiting to go down one libqb channel (a connection's responses, or its
// events) when the ring is full. libqb's rings are small (fragment.h) and a server must never
// block on a client, so what does not fit now is kept here, in order, and sent by later pump()s
// as the client reads. Frames leave whole and in order: fragments of two messages never interleave
// on one channel.
//
// Bounded: a client that lets more than max_queued bytes pile up is not reading, and push() says so
// (the server then closes the connection, as it did when a client let its event ring fill up).
// Pure apart from the SendChunk function it is given; single-threaded.
#pragma once

#include <sys/types.h>
#include <sys/uio.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string>

#include "common/result.h"

namespace pacer::ipc {

class Outbox {
 public:
  // Sends one chunk (1 or 2 iovecs); returns its size, -EAGAIN if the ring has no room, or -errno.
  using SendChunk = std::function<ssize_t(std::span<const iovec> chunk)>;

  Outbox(std::size_t max_chunk, std::size_t max_queued);

  // Sends `frame` now as far as the ring takes it and keeps (copies) the rest. Nothing is copied
  // when the frame goes through at once.
  Status send(std::span<const std::byte> frame, const SendChunk& send_chunk);
  // Sends what fits of the queued frames. Returns whether anything was sent.
  Result<bool> pump(const SendChunk& send_chunk);

  bool empty() const { return queue_.empty(); }
  std::size_t queued_bytes() const { return queued_bytes_; }

 private:
  struct Pending {
    std::string frame;
    std::uint64_t message_id;
    std::uint32_t next_index;
  };
  // Sends fragments of `frame` from `index` until done or the ring is full. Returns the index
  // reached; an error for a failure other than a full ring.
  Result<std::uint32_t> send_from(std::span<const std::byte> frame, std::uint64_t message_id, std::uint32_t index,
                                  const SendChunk& send_chunk, bool& progress);

  std::size_t max_chunk_;
  std::size_t max_queued_;
  std::uint64_t next_message_id_ = 1;
  std::deque<Pending> queue_;
  std::size_t queued_bytes_ = 0;
};

}  // namespace pacer::ipc
