// libFuzzer target: open_packet on arbitrary bytes must never crash, whatever the keys.
#include <cstddef>
#include <cstdint>

#include "heartbeatd/packet_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pacer;
  static const config::AuthKeys sha1_keys = *config::parse_authkeys("auth 1\n1 sha1 fuzz\n", "k");
  static const config::AuthKeys crc_keys = *config::parse_authkeys("auth 1\n1 crc\n", "k");
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  heartbeat::OpenError error{};
  (void)heartbeat::open_packet(bytes, sha1_keys, error);
  // With crc anyone can make a valid digest: the inner parse is then reached.
  (void)heartbeat::open_packet(bytes, crc_keys, error);
  return 0;
}
