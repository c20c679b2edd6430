// libFuzzer target: decode_frame must refuse or accept any byte string without reading outside it,
// and what it accepts must encode back to a frame that decodes to the same envelope.
#include <cstddef>
#include <cstdint>

#include "common/ipc/frame.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pacer::ipc;
  constexpr std::size_t kMax = 64 * 1024;
  pacer::Result<pacer::proto::Envelope> envelope =
      decode_frame({reinterpret_cast<const std::byte*>(data), size}, kMax);
  if (!envelope) return 0;
  pacer::Result<std::string> again = encode_frame(*envelope, kMax);
  if (!again) __builtin_trap();
  pacer::Result<pacer::proto::Envelope> back =
      decode_frame({reinterpret_cast<const std::byte*>(again->data()), again->size()}, kMax);
  if (!back || back->type() != envelope->type() || back->payload() != envelope->payload() ||
      back->request_id() != envelope->request_id())
    __builtin_trap();
  return 0;
}
