// libFuzzer target: parse_ha_cf on arbitrary bytes must return a Result, never crash, hang or
// read out of bounds. A fake environment keeps the run pure and fast.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/config/fake_ha_cf_environment.h"
#include "common/config/ha_cf.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const pacer::config::FakeHaCfEnvironment env;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = pacer::config::parse_ha_cf(text, "/etc/ha.d/ha.cf", env);
  if (result.is_ok()) {
    // Properties every accepted file has.
    if (result->media.empty()) __builtin_trap();
    if (result->deadtime <= 2 * result->keepalive) __builtin_trap();
    if (result->initdead < result->deadtime) __builtin_trap();
    for (const auto& child : result->children) {
      if (child.path.empty() || child.path.front() != '/') __builtin_trap();
    }
  } else if (result.error_message().rfind("ha.cf", 0) != 0) {
    __builtin_trap();  // every error names the file
  }
  return 0;
}
