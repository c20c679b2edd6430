// Reads a configuration file (ha.cf, authkeys) whole, with its permission bits, at the edge where
// the pure parsers meet the filesystem. The size is checked before anything is read.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>

#include "common/result.h"

namespace pacer::config {

struct ConfigFileContents {
  std::string text;
  mode_t mode = 0;  // st_mode of the file that was read (the same open file, no race)
};

// Fails (with errno context) if `path` cannot be opened, is not a regular file or is larger than
// `max_bytes`.
Result<ConfigFileContents> read_config_file(const std::string& path, std::size_t max_bytes);

}  // namespace pacer::config
