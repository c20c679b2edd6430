// Whole-file reads for the configuration loaders (see config_file.h).
#include "common/config/config_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/unique_fd.h"

namespace pacer::config {

Result<ConfigFileContents> read_config_file(const std::string& path, std::size_t max_bytes) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) return Status::from_errno(fmt::format("Cannot open [{}]", path));

  // fstat on the descriptor we read from, so the mode checked is the mode of what we parse.
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0)
    return Status::from_errno(fmt::format("Cannot stat [{}]", path));
  if (!S_ISREG(info.st_mode)) return Status::error(fmt::format("[{}] is not a regular file", path));
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    return Status::error(
        fmt::format("[{}] is too large ({} bytes, at most {})", path, info.st_size, max_bytes));
  }

  ConfigFileContents contents;
  contents.mode = info.st_mode;
  char buffer[8192];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::from_errno(fmt::format("Cannot read [{}]", path));
    }
    if (n == 0) break;
    contents.text.append(buffer, static_cast<std::size_t>(n));
    // The file may grow after fstat; the limit still holds.
    if (contents.text.size() > max_bytes) {
      return Status::error(fmt::format("[{}] is too large (more than {} bytes)", path, max_bytes));
    }
  }
  return contents;
}

}  // namespace pacer::config
