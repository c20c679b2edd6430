// zlib deflate/inflate with an output bound.
#include "cibd/payload_compression.h"

#include <zlib.h>

#include <fmt/format.h>

#include "cibd/cib_errors.h"

namespace pacer::cib {

std::string compress_payload(std::string_view data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  // Level 1: the point is size on the wire at little CPU; XML compresses well even so.
  compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
            static_cast<uLong>(data.size()), 1);
  out.resize(size);
  return out;
}

Result<std::string> decompress_payload(std::string_view data, std::size_t max_bytes) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) return cib_error(CibErrorKind::other, "cannot start zlib");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char chunk[64 * 1024];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof(chunk);
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&stream);
      return cib_error(CibErrorKind::bad_input, "compressed payload is corrupt");
    }
    out.append(chunk, sizeof(chunk) - stream.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&stream);
      return cib_error(CibErrorKind::bad_input,
                       fmt::format("compressed payload expands beyond {} bytes", max_bytes));
    }
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      inflateEnd(&stream);
      return cib_error(CibErrorKind::bad_input, "compressed payload is truncated");
    }
  }
  inflateEnd(&stream);
  return out;
}

}  // namespace pacer::cib
