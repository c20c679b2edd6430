// Scores as the scheduler adds them: integers saturating at ±INFINITY (1000000).
//
// -INFINITY wins over everything (a ban cannot be outvoted), then +INFINITY, then plain sums
// clamped to the range. This is the arithmetic every node weight, stickiness and constraint uses.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace pacer::pengine {

using Score = int;

inline constexpr Score kInfinity = 1000000;

// a + b with -INFINITY absorbing, then +INFINITY absorbing, else clamped to ±INFINITY.
Score add_scores(Score a, Score b);

// "INFINITY", "+INFINITY", "-INFINITY" or a decimal integer (clamped). Anything else is an error.
Result<Score> parse_score(std::string_view text);

// "INFINITY", "-INFINITY" or the decimal number.
std::string format_score(Score score);

}  // namespace pacer::pengine
