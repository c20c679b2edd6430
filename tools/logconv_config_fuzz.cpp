// libFuzzer target: pm_logconv.conf text (and the attribute rules in it), ha.cf ping lines and
// hostcache lines, as an administrator could write any of them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tools/logconv_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pacer::tools;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = parse_logconv_config(text, "fuzz.conf");
  if (config)
    for (auto& rule : config->attribute_rules)
      (void)rule.matches({{"default_ping_set", "0"}, {"diskcheck_status", "ERROR"}});
  (void)ping_hosts_from_hacf(text);
  (void)parse_hostcache(text);
  return 0;
}
