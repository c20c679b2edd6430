// Core processes: the MCP's own children that move bytes, one per job, as in Heartbeat 3:
//   "heartbeatd: read: bcast eth1"   receives datagrams of one medium, passes them to the MCP
//   "heartbeatd: write: bcast eth1"  sends what the MCP gives it on one medium
//   "heartbeatd: FIFO reader"        passes lines written to the admin FIFO to the MCP
// Each is forked (not exec'd) and talks to the MCP over a SOCK_SEQPACKET socketpair, which keeps
// datagram boundaries. When that socket hangs up, the MCP is dead: the core process logs Heartbeat's
// "Emergency Shutdown" lines, signals the other core processes (its process group) and exits, so
// nobody feeds the watchdog any more.
#pragma once

#include <sys/types.h>

#include <string>

#include "common/clock.h"
#include "common/config/ha_config.h"
#include "common/log.h"
#include "common/result.h"
#include "common/unique_fd.h"
#include "heartbeatd/process_title.h"

namespace pacer::heartbeat {

enum class CoreRole { fifo_reader, medium_reader, medium_writer };

struct CoreSpec {
  CoreRole role = CoreRole::fifo_reader;
  size_t medium_index = 0;
  config::Medium medium;  // readers and writers
  std::string fifo_path;  // the FIFO reader

  // "heartbeatd: write: bcast eth1", "heartbeatd: FIFO reader"
  std::string title() const;
  // What the death lines call it: "HBWRITE", "HBREAD", "HBFIFO".
  std::string_view short_name() const;
};

struct CoreHandle {
  pid_t pid = -1;
  UniqueFd channel;  // the MCP's end of the socketpair
  CoreSpec spec;
  MonoTime started;
};

// Forks the core process. The child never returns from this call.
Result<CoreHandle> start_core_process(const CoreSpec& spec, ProcessTitle& title,
                                      const LogSettings& log_settings, MonoTime now);

}  // namespace pacer::heartbeat
