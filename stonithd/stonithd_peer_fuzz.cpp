// Fuzz target: what another node's stonithd (or anyone on the cluster links) may send.
#include <cstddef>
#include <cstdint>

#include "stonithd/stonithd_protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto m = pacer::stonithd::decode_peer_message(std::string_view(reinterpret_cast<const char*>(data), size));
  if (m) (void)pacer::stonithd::encode_peer_message(*m);
  return 0;
}
