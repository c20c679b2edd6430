// Stale libqb ring files: libqb keeps each connection's three rings in a directory
// /dev/shm/qb-<server pid>-<client pid>-<n>-XXXXXX/ (files qb-{request,response,event}-<service>-
// {header,data}). The server unlinks them when the connection closes, and a client unlinks them if
// it learns at disconnect that the server is gone. A server killed while a client also dies, or
// whose client never looks, leaves them behind — each ring fully allocated tmpfs memory.
//
// sweep_stale_rings() removes the directories no live process can use any more: those whose server
// process is gone and that hold rings of `service`, or nothing at all. Directories of a live server
// are never touched. The process table and the directory are seams for tests.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace pacer::ipc {

struct ShmSweepOptions {
  std::filesystem::path dir = "/dev/shm";
  // Only directories of this client pid (a client cleaning up after itself); any when unset.
  std::optional<pid_t> client;
  // Whether a process exists; the real one asks the kernel (kill(pid, 0), and a zombie is gone).
  std::function<bool(pid_t)> alive;
};

// Returns how many directories were removed. Errors (a directory that vanished meanwhile, one we
// may not remove) are skipped: a sweep is best effort and never fails its caller.
std::size_t sweep_stale_rings(const std::string& service, const ShmSweepOptions& options = {});

}  // namespace pacer::ipc
