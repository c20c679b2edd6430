// Pacemaker's `value++` and `value+=N` in attribute updates: how the DC increments a fail-count
// without reading it first. When an update sets attribute NAME to "NAME++" or "NAME+=N", the stored
// value becomes the current one (a score; missing or not a number counts as 0) plus 1 or N, with
// score arithmetic: INFINITY is 1000000, sums saturate at +/-INFINITY and -INFINITY wins.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pacer::cib {

// The value to store for attribute `name` when an update asks for `requested` and the element holds
// `current` (nullopt: not set). Anything that is not an expansion is returned as it is.
std::string expand_value(std::string_view name, std::string_view requested,
                         std::optional<std::string_view> current);

// Score text to number (INFINITY = 1000000) and back, as Pacemaker converts them.
long long score_from_text(std::string_view text);
std::string score_to_text(long long score);

}  // namespace pacer::cib
