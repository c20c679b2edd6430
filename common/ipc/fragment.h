// Fragments: how a frame larger than libqb's ring travels. libqb's shared-memory rings are kept
// small (kDefaultRingSize: each ring is a file in /dev/shm that libqb fallocates in full, three per
// connection), while a frame may be as large as max_frame (a whole CIB, several MB). A frame that
// fits one ring chunk is sent as it is; a larger one is split into fragments, each a chunk of its own:
//
//   offset 0   int32   marker   kFragmentMarker ("PCF1"); libqb's message id slot, like a frame's
//   offset 4   uint32  index    0 .. count-1, sent in order
//   offset 8   int32   length   this fragment in bytes, header included (libqb's size slot)
//   offset 12  uint32  count    fragments of the message, at least 2
//   offset 16  uint64  message  the sender's id for the message, increasing on each channel
//   offset 24  uint64  total    the whole frame's length
//   offset 32  bytes   the next piece of the frame (header and Envelope, see frame.h)
//
// A receiver that has taken a fragment off a server's ring answers with an ack, a bare 16-byte
// header with the marker kAckMarker ("PCA1"), on its request ring: it wakes the server, which then
// writes the next fragments at once instead of polling for room. An ack carries nothing else and
// is best effort (not sent when the request ring is full; the server polls then).
//
// The reassembled frame is an ordinary frame and goes through decode_frame (version check
// included). The Reassembler is pure and bounded: a chunk longer than the ring is refused unread,
// a message declaring more than max_frame is refused at its first fragment, memory grows only with
// bytes actually received, and at most max_partial messages may be incomplete at once. Any
// inconsistency (a fragment out of order, duplicated, of an unknown message, a message cut short) is
// an error: the caller treats the connection as broken, as for a malformed frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"

namespace pacer::ipc {

inline constexpr std::int32_t kFragmentMarker = 0x50434631;  // "PCF1"
inline constexpr std::size_t kFragmentHeaderSize = 32;
inline constexpr std::int32_t kAckMarker = 0x50434131;  // "PCA1"
inline constexpr std::size_t kAckSize = 16;
// The payload size libqb's rings are asked for. 3 rings per connection, each fully resident.
inline constexpr std::size_t kDefaultRingSize = 64 * 1024;
// The smallest chunk that leaves room for a fragment header and some data.
inline constexpr std::size_t kMinChunk = 256;
// Incomplete messages one receiver keeps at once. Senders finish one message before the next.
inline constexpr std::size_t kDefaultMaxPartial = 4;

// Whether `chunk` is a fragment (the receiver then acks it) or an ack.
bool is_fragment(std::span<const std::byte> chunk);
bool is_ack(std::span<const std::byte> chunk);
// The ack's bytes.
std::span<const std::byte, kAckSize> ack_chunk();

// The fragments of one frame, built one at a time without copying the frame.
class FragmentWriter {
 public:
  // `frame` must outlive the writer. `max_chunk` (>= kMinChunk) bounds every chunk, header included.
  // A frame of at most max_chunk bytes is one chunk: the frame itself, with no fragment header.
  // `first_index` resumes a frame of which that many fragments were sent already.
  FragmentWriter(std::span<const std::byte> frame, std::size_t max_chunk, std::uint64_t message_id,
                 std::uint32_t first_index = 0);

  bool fragmented() const { return count_ > 1; }
  std::uint32_t count() const { return count_; }
  bool done() const { return next_ >= count_; }
  std::uint32_t next_index() const { return next_; }

  // The next chunk as header bytes and a piece of the frame (the header is empty when the frame is
  // not fragmented). Valid until advance(); call only when !done().
  struct Chunk {
    std::span<const std::byte> header;
    std::span<const std::byte> data;
    std::size_t size() const { return header.size() + data.size(); }
  };
  Chunk next();
  void advance() { ++next_; }

 private:
  std::span<const std::byte> frame_;
  std::size_t piece_;  // frame bytes per fragment
  std::uint64_t message_id_;
  std::uint32_t count_;
  std::uint32_t next_;
  std::byte header_[kFragmentHeaderSize];
};

// Puts the chunks a receiver got back into frames.
class Reassembler {
 public:
  Reassembler(std::size_t max_frame, std::size_t max_chunk, std::size_t max_partial = kDefaultMaxPartial);

  // Takes one chunk as received. Returns the completed frame (a span of `chunk` itself when it was a
  // whole frame, else of a buffer kept until the next call), nullopt while a message is incomplete,
  // or an error, after which the Reassembler must not be used again.
  Result<std::optional<std::span<const std::byte>>> feed(std::span<const std::byte> chunk);

  std::size_t partial_messages() const { return partial_.size(); }
  // Bytes held for incomplete messages.
  std::size_t buffered() const;

 private:
  struct Partial {
    std::uint64_t message_id;
    std::uint32_t count;
    std::uint32_t next_index;
    std::size_t total;
    std::string bytes;
  };

  std::size_t max_frame_;
  std::size_t max_chunk_;
  std::size_t max_partial_;
  std::uint64_t last_started_ = 0;  // message ids are increasing: a replayed message is refused
  std::vector<Partial> partial_;
  std::string completed_;
};

}  // namespace pacer::ipc
