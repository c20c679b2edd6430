// ProcessTitle: sets what `ps` shows for a process, as Heartbeat's children were named
// ("heartbeat: master control process", "heartbeat: write: bcast eth1"). pacer's say heartbeatd.
//
// The kernel shows the memory that held argv; to have room for a long title, the environment
// strings that follow argv are copied elsewhere first (the classic setproctitle technique). Made
// once in main() from argc/argv, then passed to whoever renames the process (the forked children).
#pragma once

#include <string_view>

namespace pacer::heartbeat {

class ProcessTitle {
 public:
  ProcessTitle(int argc, char** argv);
  ProcessTitle(const ProcessTitle&) = delete;
  ProcessTitle& operator=(const ProcessTitle&) = delete;

  // The command name (comm) stays "heartbeatd", so `pidof heartbeatd` finds every part.
  void set(std::string_view title);

 private:
  char* begin_ = nullptr;
  char* end_ = nullptr;  // one past the last usable byte
};

}  // namespace pacer::heartbeat
