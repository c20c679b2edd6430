// Internal to the ha.cf parser: generic handlers for directives that just set one HaConfig field
// from one value (a time, a boolean, a bounded integer, a keyword, a path). The directive table
// instantiates them per field so each simple directive is one table row, not a function.
#pragma once

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <string_view>

#include "common/config/config_scalars.h"
#include "common/config/ha_cf_parse_state.h"
#include "common/config/time_value.h"

namespace pacer::config {

template <typename Enum>
struct Keyword {
  std::string_view word;
  Enum value;
};

template <std::chrono::milliseconds HaConfig::*Field>
Status set_time(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  const auto time = parse_time_value(*value);
  if (!time) return Status::error(fmt::format("Invalid time [{}] for {}", *value, line.directive));
  state.config.*Field = *time;
  return Status::ok();
}

template <bool HaConfig::*Field>
Status set_boolean(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  const auto flag = parse_boolean(*value);
  if (!flag) {
    return Status::error(fmt::format("Invalid boolean [{}] for {}", *value, line.directive));
  }
  state.config.*Field = *flag;
  return Status::ok();
}

template <int HaConfig::*Field, int Min, int Max>
Status set_integer(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  const auto number = parse_bounded_integer(*value, Min, Max);
  if (!number) {
    return Status::error(
        fmt::format("Invalid value [{}] for {} ({}..{})", *value, line.directive, Min, Max));
  }
  state.config.*Field = static_cast<int>(*number);
  return Status::ok();
}

// Keyword values are case-insensitive, like Heartbeat's booleans.
template <auto Field, const auto& Words>
Status set_keyword(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  for (const auto& keyword : Words) {
    if (equals_ignore_case(*value, keyword.word)) {
      state.config.*Field = keyword.value;
      return Status::ok();
    }
  }
  std::string choices;
  for (const auto& keyword : Words) {
    if (!choices.empty()) choices += ", ";
    choices += keyword.word;
  }
  return Status::error(
      fmt::format("Invalid value [{}] for {} ({})", *value, line.directive, choices));
}

// A file or device path, kept as written.
template <std::optional<std::string> HaConfig::*Field>
Status set_path(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  state.config.*Field = std::string(*value);
  return Status::ok();
}

}  // namespace pacer::config
