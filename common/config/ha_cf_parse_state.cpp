// The shared parse state of the ha.cf parser (see ha_cf_parse_state.h).
#include "common/config/ha_cf_parse_state.h"

#include <fmt/format.h>

namespace pacer::config {

ParseState::ParseState(std::string_view file_name, const HaCfEnvironment& environment)
    : env(environment), file_path(file_name) {
  const auto slash = file_name.rfind('/');
  file_label =
      std::string(slash == std::string_view::npos ? file_name : file_name.substr(slash + 1));
}

int ParseState::line_of(std::string_view directive) const {
  const auto it = last_line.find(std::string(directive));
  return it == last_line.end() ? 0 : it->second;
}

std::string ParseState::where(int line) const {
  if (line <= 0) return file_label;
  return fmt::format("{}:{}", file_label, line);
}

Status ParseState::error_at(int line, std::string_view reason) const {
  return Status::error(fmt::format("{}: {}", where(line), reason));
}

void ParseState::warn_at(int line, std::string_view text) {
  config.warnings.push_back(fmt::format("{}: {}", where(line), text));
}

Result<std::string_view> single_value(const ConfigLine& line) {
  if (line.values.empty()) {
    return Status::error(fmt::format("Directive [{}] requires a value", line.directive));
  }
  if (line.values.size() > 1) {
    return Status::error(
        fmt::format("Directive [{}] takes one value, not {}", line.directive, line.values.size()));
  }
  return line.values.front();
}

Status require_values(const ConfigLine& line) {
  if (line.values.empty()) {
    return Status::error(fmt::format("Directive [{}] requires a value", line.directive));
  }
  return Status::ok();
}

Status require_value_count(const ConfigLine& line, std::size_t count) {
  if (line.values.size() != count) {
    return Status::error(fmt::format("Directive [{}] takes {} values, not {}", line.directive,
                                     count, line.values.size()));
  }
  return Status::ok();
}

}  // namespace pacer::config
