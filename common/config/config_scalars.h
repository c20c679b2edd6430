// Scalar values shared by the ha.cf and authkeys parsers: booleans, bounded integers, keywords.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pacer::config {

// Heartbeat's booleans, case-insensitive: true = true on yes y 1; false = false off no n 0.
std::optional<bool> parse_boolean(std::string_view text);

// A plain decimal integer (digits only, no sign) within [min, max]. Precondition: max < 2^59.
std::optional<std::int64_t> parse_bounded_integer(std::string_view text, std::int64_t min,
                                                  std::int64_t max);

// ASCII lower-casing; configuration keywords and node names are case-insensitive.
std::string to_lower_ascii(std::string_view text);
bool equals_ignore_case(std::string_view a, std::string_view b);

}  // namespace pacer::config
