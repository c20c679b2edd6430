// A getopt-style parser without getopt's global state, so that the daemons' command lines (which the
// agents build from resource parameters, i.e. outside input) are unit-tested and fuzzed.
// `spec` is getopt's: letters, a ':' after those that take a value. "-ab", "-avalue", "-a value".
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace pacer::agents {

struct ParsedOption {
  char letter;
  std::string value;  // empty for flags
};

Result<std::vector<ParsedOption>> parse_short_options(const std::vector<std::string>& args,
                                                      std::string_view spec);

// A decimal integer in [min, max], for option values.
Result<long long> parse_bounded_int(std::string_view text, long long min, long long max,
                                    std::string_view what);

}  // namespace pacer::agents
