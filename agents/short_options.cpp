// The short-option parser.
#include "agents/short_options.h"

#include <fmt/format.h>

namespace pacer::agents {

Result<std::vector<ParsedOption>> parse_short_options(const std::vector<std::string>& args,
                                                      std::string_view spec) {
  std::vector<ParsedOption> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-' || a[1] == '-')
      return Status::error(fmt::format("unexpected argument '{}'", a));
    for (std::size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      auto at = spec.find(c);
      if (c == ':' || at == std::string_view::npos)
        return Status::error(fmt::format("unknown option '-{}'", c));
      bool takes_value = at + 1 < spec.size() && spec[at + 1] == ':';
      if (!takes_value) {
        out.push_back({c, {}});
        continue;
      }
      if (j + 1 < a.size()) out.push_back({c, a.substr(j + 1)});
      else if (i + 1 < args.size()) out.push_back({c, args[++i]});
      else return Status::error(fmt::format("option '-{}' needs a value", c));
      break;
    }
  }
  return out;
}

Result<long long> parse_bounded_int(std::string_view text, long long min, long long max,
                                    std::string_view what) {
  std::size_t i = 0;
  bool negative = false;
  if (!text.empty() && text[0] == '-') {
    negative = true;
    i = 1;
  }
  if (i == text.size()) return Status::error(fmt::format("{}: '{}' is not a number", what, text));
  long long v = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9')
      return Status::error(fmt::format("{}: '{}' is not a number", what, text));
    v = v * 10 + (text[i] - '0');
    if (v > 1'000'000'000'000LL) return Status::error(fmt::format("{}: '{}' is too large", what, text));
  }
  if (negative) v = -v;
  if (v < min || v > max)
    return Status::error(fmt::format("{}: {} is not within {}..{}", what, v, min, max));
  return v;
}

}  // namespace pacer::agents
