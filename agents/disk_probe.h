// The I/O of one disk check, as pm_diskd does it: read the first page of a block device with
// O_DIRECT (the page cache would answer for a dead disk), or write, sync and remove a 64-byte file
// `diskcheck` in a directory. A read that returns nothing (a device of size 0) is a failure too.
//
// run_probe_with_timeout() runs the check in a child process (`diskd --probe-read DEV`) and kills it
// after the timeout: a read from a hung device can block in the kernel for minutes, and the daemon
// must still report ERROR on time.
#pragma once

#include <string>

#include "common/clock.h"
#include "common/result.h"

namespace pacer::agents {

Status probe_read(const std::string& device);
Status probe_write(const std::string& directory);

// `self` is the diskd executable; `mode` "--probe-read" or "--probe-write".
Status run_probe_with_timeout(const std::string& self, const std::string& mode,
                              const std::string& target, Millis timeout);

}  // namespace pacer::agents
