// The time syntax of ha.cf (keepalive, deadtime, warntime, initdead, conn_logd_time...).
//
// A decimal number with an optional unit: none = seconds, `ms` = milliseconds, `us`/`usec` =
// microseconds. The value is rounded to the nearest whole millisecond (half rounds up). Anything
// else - a sign, an exponent, an empty number, another unit, blanks - is rejected.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace pacer::config {

// The duration `text` denotes, or nullopt if it is not a valid time value. Values above about
// 31 years are rejected rather than overflowing.
std::optional<std::chrono::milliseconds> parse_time_value(std::string_view text);

}  // namespace pacer::config
