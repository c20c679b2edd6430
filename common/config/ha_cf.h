// Reading /etc/ha.d/ha.cf, heartbeat's main configuration file (spec: ha-cf.md).
//
// parse_ha_cf is pure: the text comes in, the host facts come through HaCfEnvironment, and the
// result is either a complete HaConfig (defaults and derived values applied, non-fatal findings in
// HaConfig::warnings) or the first error. Errors and warnings start with "<file>:<line>: " where
// <file> is the base name of `file_name` ("ha.cf:7: Illegal directive [foo] in /etc/ha.d/ha.cf");
// findings about the whole file (no medium, local node not listed) carry no line. Heartbeat's own
// wording is kept where the spec quotes it, because admins and pm_logconv search for it.
#pragma once

#include <string>
#include <string_view>

#include "common/config/ha_cf_environment.h"
#include "common/config/ha_config.h"
#include "common/result.h"

namespace pacer::config {

inline constexpr std::string_view kHaCfPath = "/etc/ha.d/ha.cf";
// ha.cf is a few hundred bytes; anything past this is not a configuration file.
inline constexpr std::size_t kMaxHaCfBytes = 1 << 20;

Result<HaConfig> parse_ha_cf(std::string_view text, std::string_view file_name,
                             const HaCfEnvironment& env);

// Reads `path` (at most kMaxHaCfBytes) and parses it.
Result<HaConfig> load_ha_cf(const std::string& path, const HaCfEnvironment& env);

}  // namespace pacer::config
