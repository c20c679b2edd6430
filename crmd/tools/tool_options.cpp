// The crm_* tools' option reader; see tool_options.h.
#include "crmd/tools/tool_options.h"

#include <fmt/format.h>

namespace pacer::crmd::tools {

std::optional<std::string> ParsedOptions::value(char c) const {
  auto it = values.find(c);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Result<ParsedOptions> parse_options(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  ParsedOptions parsed;
  auto by_letter = [&](char c) -> const OptionSpec* {
    for (const auto& s : specs)
      if (s.letter == c) return &s;
    return nullptr;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto take = [&](const OptionSpec& spec, std::optional<std::string> attached) -> Status {
      if (spec.optional_value) {
        parsed.flags.insert(spec.letter);
        if (attached) parsed.values[spec.letter] = *attached;
        else if (i + 1 < args.size() && !args[i + 1].starts_with("-")) parsed.values[spec.letter] = args[++i];
        return Status::ok();
      }
      if (!spec.takes_value) {
        parsed.flags.insert(spec.letter);
        return Status::ok();
      }
      if (attached) {
        parsed.values[spec.letter] = *attached;
      } else if (i + 1 < args.size()) {
        parsed.values[spec.letter] = args[++i];
      } else {
        return Status::error(fmt::format("option '{}' needs a value", arg));
      }
      return Status::ok();
    };
    if (arg.starts_with("--") && arg.size() > 2) {
      std::string name = arg.substr(2);
      std::optional<std::string> attached;
      if (auto eq = name.find('='); eq != std::string::npos) {
        attached = name.substr(eq + 1);
        name.resize(eq);
      }
      const OptionSpec* spec = nullptr;
      for (const auto& s : specs)
        if (name == s.long_name) spec = &s;
      if (!spec) return Status::error(fmt::format("unrecognized option '{}'", arg));
      if (Status s = take(*spec, attached); !s) return s;
    } else if (arg.size() > 1 && arg[0] == '-') {
      for (size_t k = 1; k < arg.size(); ++k) {
        const OptionSpec* spec = by_letter(arg[k]);
        if (!spec) return Status::error(fmt::format("invalid option -- '{}'", arg[k]));
        if (spec->takes_value || spec->optional_value) {
          std::optional<std::string> attached;
          if (k + 1 < arg.size()) attached = arg.substr(k + 1);
          if (Status s = take(*spec, attached); !s) return s;
          break;
        }
        parsed.flags.insert(spec->letter);
      }
    } else {
      parsed.positional.push_back(arg);
    }
  }
  return parsed;
}

}  // namespace pacer::crmd::tools
