// Parses ha.cf time values exactly, in integer arithmetic, so that `1.7` is 1700 ms and not 1699.
#include "common/config/time_value.h"

#include <cstdint>

namespace pacer::config {
namespace {

constexpr int kMaxIntegerDigits = 9;   // up to 999,999,999 units: no overflow below
constexpr int kMaxFractionDigits = 9;  // nanosecond resolution is more than enough

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct UnitScale {
  std::string_view suffix;
  std::uint64_t ms_numerator;  // value_in_ms = value * numerator / denominator
  std::uint64_t ms_denominator;
};

constexpr UnitScale kUnits[] = {
    {"", 1000, 1},
    {"ms", 1, 1},
    {"us", 1, 1000},
    {"usec", 1, 1000},
};

}  // namespace

std::optional<std::chrono::milliseconds> parse_time_value(std::string_view text) {
  std::size_t pos = 0;
  std::uint64_t mantissa = 0;  // all digits, integer and fraction, as one integer
  int integer_digits = 0;
  while (pos < text.size() && is_digit(text[pos])) {
    // Leading zeros do not count towards the limit: "0002" is as valid as "2".
    if (integer_digits > 0 || text[pos] != '0') ++integer_digits;
    if (integer_digits > kMaxIntegerDigits) return std::nullopt;
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(text[pos] - '0');
    ++pos;
  }
  if (pos == 0) return std::nullopt;  // no digit before the (optional) point

  std::uint64_t fraction_scale = 1;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int fraction_digits = 0;
    while (pos < text.size() && is_digit(text[pos])) {
      if (++fraction_digits > kMaxFractionDigits) return std::nullopt;
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(text[pos] - '0');
      fraction_scale *= 10;
      ++pos;
    }
    if (fraction_digits == 0) return std::nullopt;  // "1." is not a number
  }

  const std::string_view suffix = text.substr(pos);
  for (const UnitScale& unit : kUnits) {
    if (suffix != unit.suffix) continue;
    // mantissa < 1e18 and numerator <= 1000, so the product fits in 128 bits comfortably and in
    // 64 bits often; use 128 bits to keep the reasoning simple.
    const unsigned __int128 numerator =
        static_cast<unsigned __int128>(mantissa) * unit.ms_numerator * 2;
    const unsigned __int128 denominator =
        static_cast<unsigned __int128>(fraction_scale) * unit.ms_denominator;
    const unsigned __int128 rounded = (numerator + denominator) / (2 * denominator);
    return std::chrono::milliseconds(static_cast<std::int64_t>(rounded));
  }
  return std::nullopt;
}

}  // namespace pacer::config
