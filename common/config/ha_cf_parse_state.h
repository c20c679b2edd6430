// Internal to the ha.cf parser: the state the directive handlers share while ha.cf is read top to
// bottom, and the helpers they use to take their values. Not part of pacer_config's public API.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "common/config/config_tokenizer.h"
#include "common/config/ha_cf_environment.h"
#include "common/config/ha_config.h"
#include "common/result.h"

namespace pacer::config {

struct ParseState {
  ParseState(std::string_view file_name, const HaCfEnvironment& environment);

  const HaCfEnvironment& env;
  std::string file_label;  // basename: the "ha.cf" of "ha.cf:7: ..."
  std::string file_path;   // as given: Heartbeat's messages name the full path
  HaConfig config;

  // Last line each directive appeared on, so checks made after the whole file is read (deadtime
  // against keepalive...) can point at the line to fix.
  std::unordered_map<std::string, int> last_line;
  int line_of(std::string_view directive) const;  // 0 when absent

  bool log_directive_seen = false;  // logfacility, logfile or debugfile

  // "ha.cf:7", or "ha.cf" for line 0 (a finding about the whole file).
  std::string where(int line) const;
  Status error_at(int line, std::string_view reason) const;
  void warn_at(int line, std::string_view text);
};

// A directive's action: apply `line` to the state, or say (without file:line, the driver adds it)
// why the line is wrong.
using DirectiveHandler = Status (*)(ParseState& state, const ConfigLine& line);

// The single value of a one-value directive.
Result<std::string_view> single_value(const ConfigLine& line);
// At least one value (list directives).
Status require_values(const ConfigLine& line);
// Exactly `count` values.
Status require_value_count(const ConfigLine& line, std::size_t count);

}  // namespace pacer::config
