// libFuzzer target: every line of the input through pm_logconv's line parser and the whole
// converter (catalogue and fail-over state carried from line to line).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tools/logconv_converter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pacer::tools;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ConverterSettings settings;
  settings.hostname = "pm1";
  settings.act_rsc = {"prmEx", "prmPg"};
  auto rule = parse_attribute_rule("attribute_pingd", "not_defined default_ping_set or default_ping_set lt 100");
  if (rule) settings.attribute_rules.push_back(*rule);
  settings.hostcache = {{"8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01", "pm1"}};
  settings.syslog_format = size % 2 == 0;
  LogConverter converter(settings);
  auto now = std::chrono::system_clock::from_time_t(1321000000);
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    (void)parse_log_line(line);
    (void)converter.convert(line, now);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return 0;
}
