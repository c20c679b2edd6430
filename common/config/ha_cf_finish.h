// Internal to the ha.cf parser: what happens once every line is read - defaults that depend on
// other directives (warntime, initdead, rtprio, use_logd, the watchdog timeout, daemon paths) and
// the checks that span several directives (deadtime vs keepalive, media and nodes present, the
// local node configured).
#pragma once

#include "common/config/ha_cf_parse_state.h"

namespace pacer::config {

// Completes state.config; on failure the Status already names file:line.
Status finish_ha_config(ParseState& state);

}  // namespace pacer::config
