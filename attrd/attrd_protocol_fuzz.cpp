// libFuzzer target: peer messages as another node's attrd (or anyone who got a packet through
// heartbeatd) could send them, and client updates as a local process could. Decoding must never
// crash, and whatever decodes must survive a re-encode unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "attrd/attrd_protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pacer::attrd;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto m = decode_peer_message(bytes)) {
    auto again = decode_peer_message(encode_peer_message(*m));
    if (!again || !(*again == *m)) std::abort();
  }
  pacer::proto::attrd::Update update;
  if (update.ParseFromArray(data, static_cast<int>(size))) {
    if (auto u = update_from_proto(update)) {
      auto again = update_from_proto(update_to_proto(*u));
      if (!again || !(*again == *u)) std::abort();
    }
  }
  return 0;
}
