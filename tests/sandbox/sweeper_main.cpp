// sandbox-sweeper: the watcher every Sandbox starts so that a harness killed hard (SIGKILL, a ctest
// timeout, Ctrl-C) still leaves nothing behind. It holds the read end of a pipe whose write end only
// the harness holds; "done" on it means the Sandbox tore itself down, EOF without it means the
// harness died: then (its nodes are dead by PDEATHSIG) it sweeps every run whose owner is gone.
//   sandbox-sweeper --watch FD RUNS_ROOT      (started by Sandbox::create)
//   sandbox-sweeper RUNS_ROOT                 (sweep once)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "common/process_runner.h"
#include "tests/sandbox/sweeper.h"

int main(int argc, char** argv) {
  pacer::RealProcessRunner runner;
  std::string root = argc > 1 ? argv[argc - 1] : "/tmp";
  if (argc == 4 && std::string(argv[1]) == "--watch") {
    int fd = std::atoi(argv[2]);
    std::string got;
    char buf[16];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) != 0) {
      if (n > 0) got.append(buf, static_cast<size_t>(n));
    }
    if (got.find("done") != std::string::npos) return 0;
    // The harness is gone; give the kernel a moment to finish killing its nodes.
    for (int i = 0; i < 50; ++i) {
      auto removed = pacer::sandbox::sweep_stale(runner, root);
      for (const auto& r : removed) std::fprintf(stderr, "sandbox-sweeper: removed %s\n", r.c_str());
      if (pacer::sandbox::sweep_stale(runner, root).empty() && !removed.empty()) break;
      if (i > 5 && removed.empty()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return 0;
  }
  for (const auto& r : pacer::sandbox::sweep_stale(runner, root)) std::printf("removed %s\n", r.c_str());
  return 0;
}
