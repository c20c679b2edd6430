// The pengine process crmd forks on the DC, while pengine/ has no daemon of its own: it serves
// pacer_pengine's schedule() to its parent over a socketpair ("pe.request" -> "pe.reply" frames of
// common/ipc), saves every input as pe-input-N.bz2 and logs what it decided (LogActions lines,
// which pm_logconv reads). It exits when its parent closes the socket.
#pragma once

#include <string>

#include "common/file_system.h"
#include "common/log.h"

namespace pacer::crmd {

// Blocking loop on `fd`; returns the process's exit code.
int run_pengine_child(int fd, FileSystem& fs, const std::string& pe_dir, Logger& log);

}  // namespace pacer::crmd
