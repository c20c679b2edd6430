// FileSystem: the seam through which pacer reads and writes files that must survive a crash
// (cib.xml, hb_uuid, hostcache, pe-inputs). main() uses RealFileSystem; tests use
// MemoryFileSystem (tests/support), which can also fail a write part-way.
//
// write_file_atomic is the one way to replace a file: write a temp file beside it, fsync it,
// rename it over the target, fsync the directory. A crash at any point leaves either the old or the
// new content, never a mix.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace pacer {

struct FileInfo {
  mode_t mode = 0;  // permission bits and type, as st_mode
  uid_t uid = 0;
  gid_t gid = 0;
  off_t size = 0;
  WallTime modified;
  bool is_directory = false;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> read_file(const std::string& path) = 0;
  virtual Status write_file_atomic(const std::string& path, std::string_view data,
                                   mode_t mode = 0600) = 0;
  virtual Result<FileInfo> stat(const std::string& path) = 0;
  virtual bool exists(const std::string& path) = 0;
  virtual Status remove(const std::string& path) = 0;
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  // Like mkdir -p; existing directories are fine.
  virtual Status make_directories(const std::string& path, mode_t mode = 0750) = 0;
  // Names (not paths) of the entries, sorted, without "." and "..".
  virtual Result<std::vector<std::string>> list_directory(const std::string& path) = 0;
};

class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> read_file(const std::string& path) override;
  Status write_file_atomic(const std::string& path, std::string_view data, mode_t mode) override;
  Result<FileInfo> stat(const std::string& path) override;
  bool exists(const std::string& path) override;
  Status remove(const std::string& path) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status make_directories(const std::string& path, mode_t mode) override;
  Result<std::vector<std::string>> list_directory(const std::string& path) override;
};

}  // namespace pacer
