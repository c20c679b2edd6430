// zlib compression of large XML payloads on cibd's IPC, as Pacemaker compresses large CIB
// messages: a whole 16-node x 1,000-resource CIB is ~20 MB of XML but ~1 MB compressed, so the IPC
// frames (and libqb's per-connection shared-memory rings, sized to the largest frame) stay small.
// Decompression is bounded: a small payload cannot expand beyond `max_bytes` (no zip bomb).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace pacer::cib {

inline constexpr std::size_t kCompressAbove = 64u << 10;

std::string compress_payload(std::string_view data);
Result<std::string> decompress_payload(std::string_view data, std::size_t max_bytes);

}  // namespace pacer::cib
