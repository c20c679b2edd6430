// cgroup v1 freezer for sandbox nodes.
#include "tests/sandbox/freezer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/sandbox/node.h"

namespace pacer::sandbox {

Freezer::Freezer(const std::string& name) {
  std::string path = std::string(kFreezerRoot) + "/" + name;
  struct stat st;
  if (stat(kFreezerRoot, &st) != 0) return;
  if (mkdir(path.c_str(), 0755) == 0 || errno == EEXIST) path_ = path;
}

Freezer::~Freezer() {
  if (path_.empty()) return;
  (void)thaw();
  // A killed node leaves the cgroup empty; anything still there goes back to the root first.
  std::ifstream procs(path_ + "/cgroup.procs");
  std::string pid;
  while (procs >> pid) {
    std::ofstream root(std::string(kFreezerRoot) + "/cgroup.procs");
    root << pid << "\n";
  }
  for (int i = 0; i < 100 && rmdir(path_.c_str()) != 0 && errno == EBUSY; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

Status Freezer::write_state(const char* state) {
  std::ofstream f(path_ + "/freezer.state");
  f << state << "\n";
  f.flush();
  if (!f) return Status::error(path_ + ": cannot write freezer.state");
  return Status::ok();
}

Status Freezer::freeze(uint64_t pid_ns_inode) {
  if (path_.empty()) return Status::error("no cgroup v1 freezer on this host");
  for (pid_t pid : processes_in_pid_ns(pid_ns_inode)) {
    std::ofstream procs(path_ + "/cgroup.procs");
    procs << pid << "\n";
  }
  if (Status st = write_state("FROZEN"); !st) return st;
  // FREEZING becomes FROZEN once every task has stopped.
  for (int i = 0; i < 200; ++i) {
    std::ifstream f(path_ + "/freezer.state");
    std::string s;
    f >> s;
    if (s == "FROZEN") {
      frozen_ = true;
      return Status::ok();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return Status::error(path_ + ": not FROZEN after 1 s");
}

Status Freezer::thaw() {
  if (path_.empty()) return Status::error("no cgroup v1 freezer on this host");
  if (Status st = write_state("THAWED"); !st) return st;
  frozen_ = false;
  return Status::ok();
}

}  // namespace pacer::sandbox
