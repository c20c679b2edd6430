// Frames over a stream socket; see frame_stream.h.
#include "crmd/frame_stream.h"

#include <unistd.h>

#include <cerrno>
#include <span>

namespace pacer::crmd {

bool FrameReader::fill(int fd) {
  char chunk[65536];
  ssize_t n = ::read(fd, chunk, sizeof chunk);
  if (n < 0) return errno == EAGAIN || errno == EINTR;
  if (n == 0) return false;
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

Result<std::optional<proto::Envelope>> FrameReader::next() {
  auto bytes = std::as_bytes(std::span(buffer_.data(), buffer_.size()));
  if (buffer_.size() < ipc::kFrameHeaderSize) return std::optional<proto::Envelope>();
  auto length = ipc::frame_declared_length(bytes);
  if (!length) return length.status();
  if (*length > kPeMaxFrame || *length < ipc::kFrameHeaderSize)
    return Status::error("frame of " + std::to_string(*length) + " bytes refused");
  if (buffer_.size() < *length) return std::optional<proto::Envelope>();
  auto envelope = ipc::decode_frame(bytes.subspan(0, *length), kPeMaxFrame);
  buffer_.erase(0, *length);
  if (!envelope) return envelope.status();
  return std::optional<proto::Envelope>(std::move(*envelope));
}

Status write_frame(int fd, const std::string& type, const std::string& payload) {
  proto::Envelope envelope;
  envelope.set_version(ipc::kProtocolVersion);
  envelope.set_type(type);
  envelope.set_payload(payload);
  auto frame = ipc::encode_frame(envelope, kPeMaxFrame);
  if (!frame) return frame.status();
  size_t done = 0;
  while (done < frame->size()) {
    ssize_t n = ::write(fd, frame->data() + done, frame->size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        ::usleep(1000);  // the peer is reading; a CIB is written in a few rounds at most
        continue;
      }
      return Status::from_errno("write to pengine");
    }
    done += static_cast<size_t>(n);
  }
  return Status::ok();
}

}  // namespace pacer::crmd
