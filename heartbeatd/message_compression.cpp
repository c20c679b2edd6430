#include "heartbeatd/message_compression.h"

#include <zlib.h>

namespace pacer::heartbeat {

std::string compress_message(std::string_view data) {
  uLongf bound = compressBound(static_cast<uLong>(data.size()));
  std::string out(bound, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &bound,
            reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
            Z_BEST_SPEED);
  out.resize(bound);
  return out;
}

Result<std::string> decompress_message(std::string_view data, size_t max_bytes) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) return Status::error("inflateInit failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&stream);
      return Status::error(fmt::format("compressed message inflates beyond {} bytes", max_bytes));
    }
    if (rc == Z_BUF_ERROR && stream.avail_in == 0) break;
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) return Status::error("corrupt compressed message");
  return out;
}

}  // namespace pacer::heartbeat
