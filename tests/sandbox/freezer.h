// Freezer: hangs and resumes a whole node with the cgroup v1 freezer (a "hung host": its kernel
// still answers ARP/ping, its processes do nothing). One cgroup dir per node, named with the run
// prefix, under /sys/fs/cgroup/freezer.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "common/result.h"

namespace pacer::sandbox {

inline constexpr const char* kFreezerRoot = "/sys/fs/cgroup/freezer";

class Freezer {
 public:
  // Creates the cgroup dir; path() is empty when the freezer hierarchy is missing.
  explicit Freezer(const std::string& name);
  ~Freezer();  // thaws and removes the dir (processes left in it are moved back to the root)
  Freezer(const Freezer&) = delete;
  Freezer& operator=(const Freezer&) = delete;

  const std::string& path() const { return path_; }
  // Moves every process of the PID namespace into the cgroup (nsenter'd commands start outside
  // it), then freezes.
  Status freeze(uint64_t pid_ns_inode);
  Status thaw();
  bool frozen() const { return frozen_; }

 private:
  Status write_state(const char* state);
  std::string path_;
  bool frozen_ = false;
};

}  // namespace pacer::sandbox
