// Running the host tools the sandbox is built with (ip, nft, losetup, mkfs, nsenter).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/process_runner.h"
#include "common/result.h"

namespace pacer::sandbox {

inline constexpr std::chrono::milliseconds kToolTimeout{10000};

// Runs argv (stdin fed from `input`), returns its stdout; a non-zero exit is an error whose
// message carries the command and its stderr.
Result<std::string> run_checked(ProcessRunner& runner, std::vector<std::string> argv,
                                std::optional<std::string> input = std::nullopt,
                                std::chrono::milliseconds timeout = kToolTimeout);

// The absolute path of a host tool, looked up in the fixed PATH below rather than the caller's
// (which may hold shims of other toolchains); returned unchanged when it already has a '/'.
std::string tool_path(const std::string& name);

// The environment tools and node commands run with: a fixed PATH, no inherited surprises.
std::vector<std::string> tool_environment();

}  // namespace pacer::sandbox
