// A small command-line reader for the crm_* tools: short options with a value attached or
// following ("-n x", "-nx"), long ones ("--attr-name=x", "--attr-name x"), flags. The tools keep
// Pacemaker 1.0's letters; each tool declares which take a value.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"

namespace pacer::crmd::tools {

struct OptionSpec {
  char letter;
  const char* long_name;
  bool takes_value;
  // A value it may have (`-p`, `-p RSC`, `--promotion=RSC`): the next argument when it does not
  // start with '-'. The option is also recorded as a flag.
  bool optional_value = false;
};

struct ParsedOptions {
  std::map<char, std::string> values;  // last value wins
  std::multiset<char> flags;           // every occurrence
  std::vector<std::string> positional;

  bool has(char c) const { return values.contains(c) || flags.contains(c); }
  std::optional<std::string> value(char c) const;
};

Result<ParsedOptions> parse_options(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

}  // namespace pacer::crmd::tools
