// The follower works on file descriptors directly: it needs inodes and offsets, which the
// FileSystem seam does not model. Tests run it on real files in a scratch directory.
#include "tools/log_follower.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include <fmt/format.h>

#include "common/file_system.h"

namespace pacer::tools {

std::string format_position(const LogPosition& p) {
  return fmt::format("{} {}\n", static_cast<unsigned long long>(p.inode), static_cast<long long>(p.offset));
}

std::optional<LogPosition> parse_position(std::string_view text) {
  unsigned long long inode = 0;
  long long offset = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%llu %lld", &inode, &offset) != 2 || offset < 0) return std::nullopt;
  return LogPosition{static_cast<ino_t>(inode), static_cast<off_t>(offset)};
}

LogFollower::LogFollower(std::string log_path, std::string stat_path)
    : log_path_(std::move(log_path)), stat_path_(std::move(stat_path)) {}

Status LogFollower::open_current(off_t offset) {
  int fd = ::open(log_path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {  // not written yet: wait for it
      fd_ = UniqueFd();
      position_ = {};
      return Status::ok();
    }
    return Status::from_errno("opening " + log_path_);
  }
  fd_ = UniqueFd(fd);
  struct stat st {};
  fstat(fd, &st);
  if (offset < 0 || offset > st.st_size) offset = st.st_size;
  position_ = {st.st_ino, offset};
  partial_.clear();
  return Status::ok();
}

Status LogFollower::start(FollowStart how) {
  if (how == FollowStart::beginning) return open_current(0);
  if (how == FollowStart::end_of_file) return open_current(-1);
  RealFileSystem fs;
  auto saved = fs.read_file(stat_path_);
  std::optional<LogPosition> p = saved ? parse_position(*saved) : std::nullopt;
  if (!p) return open_current(-1);
  struct stat st {};
  if (::stat(log_path_.c_str(), &st) == 0 && st.st_ino == p->inode) return open_current(p->offset);
  // Rotated while we were away: find the old file by its inode, finish it first.
  auto slash = log_path_.rfind('/');
  std::string dir = slash == std::string::npos ? "." : log_path_.substr(0, slash);
  std::string base = slash == std::string::npos ? log_path_ : log_path_.substr(slash + 1);
  auto names = fs.list_directory(dir);
  if (names) {
    for (const std::string& name : *names) {
      if (!name.starts_with(base) || name == base) continue;
      std::string path = dir + "/" + name;
      if (::stat(path.c_str(), &st) != 0 || st.st_ino != p->inode) continue;
      int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) break;
      fd_ = UniqueFd(fd);
      position_ = {p->inode, std::min<off_t>(p->offset, st.st_size)};
      return Status::ok();
    }
  }
  return open_current(0);  // the old file is gone: the new one is all unread
}

Status LogFollower::drain(std::vector<std::string>& lines) {
  if (!fd_) return Status::ok();
  char buffer[65536];
  for (;;) {
    ssize_t n = ::pread(fd_.get(), buffer, sizeof buffer, position_.offset + static_cast<off_t>(partial_.size()));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::from_errno("reading " + log_path_);
    }
    if (n == 0) return Status::ok();
    partial_.append(buffer, static_cast<size_t>(n));
    size_t start = 0;
    for (size_t nl; (nl = partial_.find('\n', start)) != std::string::npos; start = nl + 1) {
      lines.emplace_back(partial_, start, nl - start);
      position_.offset += static_cast<off_t>(nl + 1 - start);
    }
    partial_.erase(0, start);
    // A runaway line without newline is cut rather than held forever.
    if (partial_.size() > 65536) {
      lines.push_back(std::move(partial_));
      position_.offset += static_cast<off_t>(lines.back().size());
      partial_.clear();
    }
  }
}

Result<std::vector<std::string>> LogFollower::read_lines() {
  std::vector<std::string> lines;
  Status s = drain(lines);
  if (!s) return s;
  struct stat st {};
  if (::stat(log_path_.c_str(), &st) != 0) return lines;  // rotated away, new one not yet there
  if (!fd_ || st.st_ino != position_.inode) {
    // Rotation: the old file is drained; continue with the new one from its start.
    s = open_current(0);
    if (!s) return s;
    s = drain(lines);
    if (!s) return s;
  } else if (st.st_size < position_.offset) {
    // Truncated in place (copytruncate): start over.
    position_.offset = 0;
    partial_.clear();
    s = drain(lines);
    if (!s) return s;
  }
  return lines;
}

Status LogFollower::save() const {
  RealFileSystem fs;
  return fs.write_file_atomic(stat_path_, format_position(position_), 0644);
}

}  // namespace pacer::tools
