// value++ / value+=N expansion with Pacemaker's saturating score arithmetic.
#include "cibd/value_expansion.h"

#include <charconv>

namespace pacer::cib {
namespace {

constexpr long long kInfinity = 1000000;

long long clamp(long long v) { return v > kInfinity ? kInfinity : (v < -kInfinity ? -kInfinity : v); }

long long add_scores(long long a, long long b) {
  if (a <= -kInfinity || b <= -kInfinity) return -kInfinity;
  if (a >= kInfinity || b >= kInfinity) return kInfinity;
  return clamp(a + b);
}

}  // namespace

long long score_from_text(std::string_view text) {
  if (text == "INFINITY" || text == "+INFINITY") return kInfinity;
  if (text == "-INFINITY") return -kInfinity;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  long long value = 0;
  // Like atoi: leading digits count, the rest is ignored, nothing numeric is 0.
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) return text.front() == '-' ? -kInfinity : kInfinity;
  if (ec != std::errc()) return 0;
  (void)ptr;
  return clamp(value);
}

std::string score_to_text(long long score) {
  if (score >= kInfinity) return "INFINITY";
  if (score <= -kInfinity) return "-INFINITY";
  return std::to_string(score);
}

std::string expand_value(std::string_view name, std::string_view requested,
                         std::optional<std::string_view> current) {
  if (name.empty() || requested.size() <= name.size() + 1 || requested.substr(0, name.size()) != name)
    return std::string(requested);
  std::string_view op = requested.substr(name.size());
  long long increment = 0;
  if (op == "++") {
    increment = 1;
  } else if (op.size() > 2 && op.substr(0, 2) == "+=") {
    increment = score_from_text(op.substr(2));
  } else {
    return std::string(requested);
  }
  long long base = current ? score_from_text(*current) : 0;
  return score_to_text(add_scores(base, increment));
}

}  // namespace pacer::cib
