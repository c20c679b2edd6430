// Durations as Pacemaker's tools and agents write them (dampen=5s, -d 500ms, interval 1min): a
// whole number with an optional unit; no unit means seconds.
#pragma once

#include <optional>
#include <string_view>

#include "common/clock.h"

namespace pacer::attrd {

// Units: ms/msec, s/sec, m/min, h/hr. nullopt for anything else, negative numbers, or more than
// about a year.
std::optional<Millis> parse_duration(std::string_view text);

}  // namespace pacer::attrd
