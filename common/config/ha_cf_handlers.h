// Internal to the ha.cf parser: the directive handlers that need more than one generic setter,
// grouped by the file that defines them. The directive table (ha_cf_directives.cpp) names them.
#pragma once

#include "common/config/ha_cf_parse_state.h"

namespace pacer::config {

// ha_cf_media.cpp: communication media and the settings they capture when declared.
Status handle_udpport(ParseState& state, const ConfigLine& line);
Status handle_baud(ParseState& state, const ConfigLine& line);
Status handle_bcast(ParseState& state, const ConfigLine& line);
Status handle_mcast(ParseState& state, const ConfigLine& line);
Status handle_mcast6(ParseState& state, const ConfigLine& line);
Status handle_ucast(ParseState& state, const ConfigLine& line);
Status handle_ucast6(ParseState& state, const ConfigLine& line);
Status handle_serial(ParseState& state, const ConfigLine& line);

// ha_cf_clients.cpp: the programs heartbeat supervises and who may use its API.
Status handle_pacemaker(ParseState& state, const ConfigLine& line);
Status handle_respawn(ParseState& state, const ConfigLine& line);
Status handle_failfast(ParseState& state, const ConfigLine& line);
Status handle_apiauth(ParseState& state, const ConfigLine& line);

}  // namespace pacer::config
