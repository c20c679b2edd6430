// libFuzzer target for the IPC wire decoders.
//  1. decode_frame must refuse or accept any byte string without reading outside it, and what it
//     accepts must encode back to a frame that decodes to the same envelope; that frame, split into
//     fragments of a size taken from the input, must reassemble to the same bytes.
//  2. The Reassembler, fed the input as a sequence of chunks (each a 2-byte little-endian length
//     and that many bytes), must refuse or accept each without reading outside it, never hold more
//     than its bounds allow, and only complete frames within max_frame.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "common/ipc/fragment.h"
#include "common/ipc/frame.h"

namespace {

using namespace pacer::ipc;

constexpr std::size_t kMax = 64 * 1024;
constexpr std::size_t kMaxChunk = 4096;
constexpr std::size_t kMaxPartial = 2;

std::span<const std::byte> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

void check_frame(const std::uint8_t* data, std::size_t size) {
  pacer::Result<pacer::proto::Envelope> envelope = decode_frame({reinterpret_cast<const std::byte*>(data), size}, kMax);
  if (!envelope) return;
  pacer::Result<std::string> again = encode_frame(*envelope, kMax);
  if (!again) __builtin_trap();
  pacer::Result<pacer::proto::Envelope> back = decode_frame(bytes_of(*again), kMax);
  if (!back || back->type() != envelope->type() || back->payload() != envelope->payload() ||
      back->request_id() != envelope->request_id())
    __builtin_trap();

  // Split and put back together.
  const std::size_t chunk = kMinChunk + (size > 0 ? data[0] : 0);
  Reassembler reassembler(kMax, chunk);
  std::string rebuilt;
  int completed = 0;
  for (FragmentWriter writer(bytes_of(*again), chunk, 42); !writer.done(); writer.advance()) {
    const FragmentWriter::Chunk c = writer.next();
    std::string bytes(reinterpret_cast<const char*>(c.header.data()), c.header.size());
    bytes.append(reinterpret_cast<const char*>(c.data.data()), c.data.size());
    if (bytes.size() > chunk) __builtin_trap();
    auto got = reassembler.feed(bytes_of(bytes));
    if (!got) __builtin_trap();
    if (got->has_value()) {
      rebuilt.assign(reinterpret_cast<const char*>((*got)->data()), (*got)->size());
      ++completed;
    }
  }
  if (completed != 1 || rebuilt != *again) __builtin_trap();
}

void check_chunks(const std::uint8_t* data, std::size_t size) {
  Reassembler reassembler(kMax, kMaxChunk, kMaxPartial);
  std::size_t offset = 0;
  while (offset + 2 <= size) {
    const std::size_t length = static_cast<std::size_t>(data[offset]) | (static_cast<std::size_t>(data[offset + 1]) << 8);
    offset += 2;
    if (length > size - offset) return;
    // A copy of exactly the chunk, so that a read past it is caught.
    std::string chunk(reinterpret_cast<const char*>(data + offset), length);
    offset += length;
    auto got = reassembler.feed(bytes_of(chunk));
    if (!got) return;  // the connection would be closed
    if (reassembler.partial_messages() > kMaxPartial || reassembler.buffered() > kMaxPartial * kMax) __builtin_trap();
    if (got->has_value()) {
      if ((*got)->size() > kMax) __builtin_trap();
      (void)decode_frame(**got, kMax);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_frame(data, size);
  check_chunks(data, size);
  return 0;
}
