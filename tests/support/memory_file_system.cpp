#include "tests/support/memory_file_system.h"

#include <sys/stat.h>

#include <cerrno>
#include <filesystem>

namespace pacer {
namespace {
std::string parent_of(const std::string& path) {
  auto p = std::filesystem::path(path).parent_path().string();
  return p.empty() ? "." : p;
}
}  // namespace

Result<std::string> MemoryFileSystem::read_file(const std::string& path) {
  auto it = files_.find(path);
  if (it == files_.end()) return Status::from_errno("open " + path, ENOENT);
  return it->second.content;
}

Status MemoryFileSystem::write_file_atomic(const std::string& path, std::string_view data,
                                           mode_t mode) {
  ++writes_;
  std::string temp = path + ".tmp";
  if (writes_left_ && (*writes_left_)-- <= 0) {
    // A crash between write and rename: half a temp file, the target untouched.
    files_[temp] = Entry{std::string(data.substr(0, data.size() / 2)),
                         FileInfo{.mode = S_IFREG | mode}};
    return Status::from_errno("write " + temp + " (injected fault)", EIO);
  }
  Entry entry{std::string(data), FileInfo{.mode = S_IFREG | mode}};
  entry.info.size = static_cast<off_t>(data.size());
  files_[path] = std::move(entry);
  files_.erase(temp);
  return Status::ok();
}

Result<FileInfo> MemoryFileSystem::stat(const std::string& path) {
  if (auto it = files_.find(path); it != files_.end()) return it->second.info;
  if (auto it = directories_.find(path); it != directories_.end())
    return FileInfo{.mode = S_IFDIR | it->second, .is_directory = true};
  return Status::from_errno("stat " + path, ENOENT);
}

bool MemoryFileSystem::exists(const std::string& path) {
  return files_.count(path) > 0 || directories_.count(path) > 0;
}

Status MemoryFileSystem::remove(const std::string& path) {
  if (files_.erase(path) == 0) return Status::from_errno("remove " + path, ENOENT);
  return Status::ok();
}

Status MemoryFileSystem::rename(const std::string& from, const std::string& to) {
  auto it = files_.find(from);
  if (it == files_.end()) return Status::from_errno("rename " + from + " to " + to, ENOENT);
  files_[to] = std::move(it->second);
  files_.erase(from);
  return Status::ok();
}

Status MemoryFileSystem::make_directories(const std::string& path, mode_t mode) {
  for (std::filesystem::path p = path; !p.empty() && p != p.root_path(); p = p.parent_path())
    directories_.emplace(p.string(), mode);
  return Status::ok();
}

Result<std::vector<std::string>> MemoryFileSystem::list_directory(const std::string& path) {
  std::vector<std::string> names;
  for (const auto& [name, entry] : files_)
    if (parent_of(name) == path) names.push_back(std::filesystem::path(name).filename().string());
  return names;  // std::map keeps them sorted
}

void MemoryFileSystem::set_mode(const std::string& path, mode_t mode) {
  if (auto it = files_.find(path); it != files_.end()) it->second.info.mode = S_IFREG | mode;
}

}  // namespace pacer
