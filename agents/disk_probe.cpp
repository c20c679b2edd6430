// Disk read/write checks and their time-limited execution.
#include "agents/disk_probe.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>

#include <fmt/format.h>

#include "common/child_process.h"
#include "common/unique_fd.h"

namespace pacer::agents {
namespace {

constexpr std::size_t kPage = 4096;

struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};

}  // namespace

Status probe_read(const std::string& device) {
  int fd = ::open(device.c_str(), O_RDONLY | O_DIRECT | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Status::from_errno(fmt::format("open {}", device));
  UniqueFd owner(fd);
  void* raw = nullptr;
  if (posix_memalign(&raw, kPage, kPage) != 0) return Status::error("out of memory");
  std::unique_ptr<void, FreeDeleter> buffer(raw);
  ssize_t n = ::read(fd, buffer.get(), kPage);
  if (n < 0) return Status::from_errno(fmt::format("read {}", device));
  if (n == 0) return Status::error(fmt::format("read {}: no data (device of size 0)", device));
  return Status::ok();
}

Status probe_write(const std::string& directory) {
  std::string path = directory + "/diskcheck";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_DSYNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::from_errno(fmt::format("open {}", path));
  UniqueFd owner(fd);
  char data[64];
  for (std::size_t i = 0; i < sizeof data; ++i) data[i] = static_cast<char>('a' + i % 26);
  ssize_t n = ::write(fd, data, sizeof data);
  Status result = n == static_cast<ssize_t>(sizeof data)
                      ? Status::ok()
                      : (n < 0 ? Status::from_errno(fmt::format("write {}", path))
                               : Status::error(fmt::format("write {}: short write", path)));
  ::unlink(path.c_str());
  return result;
}

Status run_probe_with_timeout(const std::string& self, const std::string& mode,
                              const std::string& target, Millis timeout) {
  SpawnOptions options;
  options.argv = {self, mode, target};
  auto status = run_process(options, timeout);
  if (!status) return status.status();
  if (status->timed_out) return Status::error(fmt::format("check of {} timed out after {} ms", target, timeout.count()));
  if (status->succeeded()) return Status::ok();
  std::string why = status->stderr_text;
  while (!why.empty() && why.back() == '\n') why.pop_back();
  return Status::error(why.empty() ? status->describe() : why);
}

}  // namespace pacer::agents
