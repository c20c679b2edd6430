// libFuzzer target: parse_authkeys on arbitrary bytes must return a Result, never crash, and an
// accepted file always has its signing key.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/config/authkeys.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = pacer::config::parse_authkeys(text, "/etc/ha.d/authkeys");
  if (result.is_ok()) {
    if (result->find(result->signing_key_id) == nullptr) __builtin_trap();
    for (const auto& key : result->keys) {
      if (key.id < 0 || key.id > pacer::config::kMaxAuthKeyId) __builtin_trap();
      if (pacer::config::auth_method_needs_key(key.method) == key.secret.empty()) __builtin_trap();
    }
  }
  return 0;
}
