// The real filesystem behind the FileSystem seam.
#include "common/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "common/unique_fd.h"

namespace pacer {
namespace {

std::string parent_directory(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

Status write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::from_errno("write " + path);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::ok();
}

}  // namespace

Result<std::string> RealFileSystem::read_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return Status::from_errno("open " + path);
  std::string content;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::from_errno("read " + path);
    }
    if (n == 0) break;
    content.append(buffer, static_cast<size_t>(n));
  }
  return content;
}

Status RealFileSystem::write_file_atomic(const std::string& path, std::string_view data,
                                         mode_t mode) {
  std::string temp = path + ".tmp." + std::to_string(::getpid());
  UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (!fd) return Status::from_errno("create " + temp);
  auto cleanup_on_error = [&](Status s) {
    ::unlink(temp.c_str());
    return s;
  };
  if (::fchmod(fd.get(), mode) != 0) return cleanup_on_error(Status::from_errno("chmod " + temp));
  if (auto s = write_all(fd.get(), data, temp); !s) return cleanup_on_error(s);
  if (::fsync(fd.get()) != 0) return cleanup_on_error(Status::from_errno("fsync " + temp));
  fd.reset();
  if (::rename(temp.c_str(), path.c_str()) != 0)
    return cleanup_on_error(Status::from_errno("rename " + temp + " to " + path));
  // The rename is durable only once the directory entry is on disk.
  std::string dir = parent_directory(path);
  UniqueFd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir_fd) return Status::from_errno("open directory " + dir);
  if (::fsync(dir_fd.get()) != 0) return Status::from_errno("fsync directory " + dir);
  return Status::ok();
}

Result<FileInfo> RealFileSystem::stat(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::from_errno("stat " + path);
  FileInfo info;
  info.mode = st.st_mode;
  info.uid = st.st_uid;
  info.gid = st.st_gid;
  info.size = st.st_size;
  info.modified = WallTime(std::chrono::seconds(st.st_mtim.tv_sec) +
                           std::chrono::duration_cast<WallTime::duration>(
                               std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
  info.is_directory = S_ISDIR(st.st_mode);
  return info;
}

bool RealFileSystem::exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

Status RealFileSystem::remove(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return Status::from_errno("remove " + path);
  return Status::ok();
}

Status RealFileSystem::rename(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    return Status::from_errno("rename " + from + " to " + to);
  return Status::ok();
}

Status RealFileSystem::make_directories(const std::string& path, mode_t mode) {
  std::string partial;
  for (const auto& part : std::filesystem::path(path)) {
    partial = (std::filesystem::path(partial) / part).string();
    if (partial == "/" || partial.empty()) continue;
    if (::mkdir(partial.c_str(), mode) != 0 && errno != EEXIST)
      return Status::from_errno("mkdir " + partial);
  }
  return Status::ok();
}

Result<std::vector<std::string>> RealFileSystem::list_directory(const std::string& path) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return Status::from_errno("opendir " + path);
  std::vector<std::string> names;
  while (dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace pacer
