// Frames of common/ipc (ipc/frame.h) over a stream socket: crmd and its pengine child talk over a
// socketpair, where a CIB may be larger than one datagram. The reader accumulates bytes and hands
// out whole frames; the declared length is checked against the limit before anything is kept.
#pragma once

#include <optional>
#include <string>

#include "common/ipc/frame.h"
#include "common/result.h"

namespace pacer::crmd {

inline constexpr std::size_t kPeMaxFrame = 64 * 1024 * 1024;

class FrameReader {
 public:
  // Reads what is available on a non-blocking fd (or, blocking, at least something). Returns
  // false at end of stream or on error.
  bool fill(int fd);
  // The next whole frame, if one is buffered; an error for a malformed or oversized one.
  Result<std::optional<proto::Envelope>> next();

 private:
  std::string buffer_;
};

// Writes a whole frame (blocking until done).
Status write_frame(int fd, const std::string& type, const std::string& payload);

}  // namespace pacer::crmd
