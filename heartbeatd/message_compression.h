// zlib compression of large cluster messages (ha.cf `compression zlib`, `compression_threshold`).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace pacer::heartbeat {

std::string compress_message(std::string_view data);
// Refuses output larger than `max_bytes`: a small hostile input must not inflate without bound.
Result<std::string> decompress_message(std::string_view data, size_t max_bytes);

}  // namespace pacer::heartbeat
