// Internal to the ha.cf parser: the table of every directive ha.cf may contain.
#pragma once

#include <string_view>

#include "common/config/ha_cf_parse_state.h"

namespace pacer::config {

struct DirectiveSpec {
  std::string_view name;
  DirectiveHandler handler;
};

// The directive called `name` (case-sensitive, as in Heartbeat), or nullptr if there is none.
const DirectiveSpec* find_directive(std::string_view name);

}  // namespace pacer::config
