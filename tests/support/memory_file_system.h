// MemoryFileSystem: an in-memory FileSystem for tests, with fault injection.
//
// `fail_writes_after(n)` makes every atomic write after the next n fail the way a crash mid-write
// would: the temp file is left half-written and the target keeps its old content. Tests of
// persisted stores use it to show that nothing is lost or half-written.
#pragma once

#include <map>
#include <optional>

#include "common/file_system.h"

namespace pacer {

class MemoryFileSystem final : public FileSystem {
 public:
  Result<std::string> read_file(const std::string& path) override;
  Status write_file_atomic(const std::string& path, std::string_view data, mode_t mode) override;
  Result<FileInfo> stat(const std::string& path) override;
  bool exists(const std::string& path) override;
  Status remove(const std::string& path) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status make_directories(const std::string& path, mode_t mode) override;
  Result<std::vector<std::string>> list_directory(const std::string& path) override;

  void fail_writes_after(int successful_writes) { writes_left_ = successful_writes; }
  void set_mode(const std::string& path, mode_t mode);
  int write_count() const { return writes_; }

 private:
  struct Entry {
    std::string content;
    FileInfo info;
  };
  std::map<std::string, Entry> files_;
  std::map<std::string, mode_t> directories_;
  std::optional<int> writes_left_;
  int writes_ = 0;
};

}  // namespace pacer
