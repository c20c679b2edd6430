// Pacemaker-style duration parsing.
#include "attrd/pacemaker_duration.h"

#include <array>
#include <utility>

namespace pacer::attrd {

std::optional<Millis> parse_duration(std::string_view text) {
  std::size_t i = 0;
  long long number = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    number = number * 10 + (text[i] - '0');
    if (number > 400LL * 24 * 3600 * 1000) return std::nullopt;
    ++i;
  }
  if (i == 0) return std::nullopt;
  std::string_view unit = text.substr(i);
  static constexpr std::array<std::pair<std::string_view, long long>, 9> kUnits{{
      {"", 1000}, {"s", 1000}, {"sec", 1000}, {"ms", 1}, {"msec", 1},
      {"m", 60000}, {"min", 60000}, {"h", 3600000}, {"hr", 3600000}}};
  for (const auto& [name, scale] : kUnits)
    if (unit == name) {
      long long ms = number * scale;
      if (ms > 366LL * 24 * 3600 * 1000) return std::nullopt;
      return Millis(ms);
    }
  return std::nullopt;
}

}  // namespace pacer::attrd
