// Booleans, integers and case folding for the configuration parsers (see config_scalars.h).
#include "common/config/config_scalars.h"

#include <array>

namespace pacer::config {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr std::array<std::string_view, 5> kTrue = {"true", "on", "yes", "y", "1"};
constexpr std::array<std::string_view, 5> kFalse = {"false", "off", "no", "n", "0"};

}  // namespace

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::optional<bool> parse_boolean(std::string_view text) {
  for (std::string_view word : kTrue) {
    if (equals_ignore_case(text, word)) return true;
  }
  for (std::string_view word : kFalse) {
    if (equals_ignore_case(text, word)) return false;
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_bounded_integer(std::string_view text, std::int64_t min,
                                                  std::int64_t max) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    // Stop before overflowing: anything past max is out of range whatever follows.
    if (value > max) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace pacer::config
