// Sweeper: removes what earlier sandbox runs left behind when they were killed hard (SIGKILL,
// a crash): netns, loop devices, run directories and cgroup dirs whose name carries the sandbox
// prefix *and* whose owner process is gone. A live run's names are never touched.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/process_runner.h"

namespace pacer::sandbox {

// Returns what was removed ("netns pcrsbx-123-ab12-sw", ...), for the log.
std::vector<std::string> sweep_stale(ProcessRunner& runner, const std::filesystem::path& runs_root);

// Everything on the host still carrying `prefix`: netns names, loop devices whose backing file has
// it in its path, mounts, cgroup dirs, directories under runs_root. Empty after a clean teardown.
std::vector<std::string> leftovers(ProcessRunner& runner, const std::string& prefix,
                                   const std::filesystem::path& runs_root);

}  // namespace pacer::sandbox
