#include "common/unique_fd.h"

#include <fcntl.h>
#include <unistd.h>

namespace pacer {

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);  // close() errors cannot be acted on here; EINTR still closes on Linux
  fd_ = fd;
}

Result<PipePair> make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::from_errno("pipe2");
  return PipePair{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

}  // namespace pacer
