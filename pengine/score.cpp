// Score arithmetic and the textual form scores take in the CIB and in crm_simulate's output.
#include "pengine/score.h"

#include <charconv>

namespace pacer::pengine {

Score add_scores(Score a, Score b) {
  if (a <= -kInfinity || b <= -kInfinity) return -kInfinity;
  if (a >= kInfinity || b >= kInfinity) return kInfinity;
  long long sum = static_cast<long long>(a) + b;
  if (sum >= kInfinity) return kInfinity;
  if (sum <= -kInfinity) return -kInfinity;
  return static_cast<Score>(sum);
}

Result<Score> parse_score(std::string_view text) {
  if (text == "INFINITY" || text == "+INFINITY") return kInfinity;
  if (text == "-INFINITY") return -kInfinity;
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  long long value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec == std::errc::invalid_argument || end != digits.data() + digits.size())
    return Status::error(fmt::format("invalid score '{}'", text));
  // Out-of-range numbers saturate like INFINITY rather than failing: a huge weight means "always".
  if (ec == std::errc::result_out_of_range || value >= kInfinity)
    return (!digits.empty() && digits.front() == '-') ? -kInfinity : kInfinity;
  if (value <= -kInfinity) return -kInfinity;
  return static_cast<Score>(value);
}

std::string format_score(Score score) {
  if (score >= kInfinity) return "INFINITY";
  if (score <= -kInfinity) return "-INFINITY";
  return std::to_string(score);
}

}  // namespace pacer::pengine
