// The digest that authenticates a heartbeat packet under one authkeys key: HMAC-SHA1, HMAC-MD5,
// HMAC-SHA256 (pacer's addition), or a plain CRC32 for `crc` (integrity only, no secret).
#pragma once

#include <string>
#include <string_view>

#include "common/config/authkeys.h"

namespace pacer::heartbeat {

std::string packet_digest(const config::AuthKey& key, std::string_view packet_bytes);

// Constant-time comparison, so a forger learns nothing from how long a rejection takes.
bool digests_equal(std::string_view a, std::string_view b);

}  // namespace pacer::heartbeat
