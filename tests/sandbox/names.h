// Names of everything a sandbox creates on the host, and how the sweeper recognises them.
//
// Every host-visible name (netns, temp dir, loop backing file, cgroup dir) starts with
// "pcrsbx-<owner pid>-<nonce>-": the sweeper removes only names with the prefix whose owner process
// is gone, so a run never tears down a sandbox that another live process (a CLI supervisor, a
// parallel test binary) still holds. Interface names live only inside the sandbox's own netns and are
// limited to 15 characters, so they are short ("e1-pm2") instead of prefixed.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

namespace pacer::sandbox {

inline constexpr std::string_view kNamePrefix = "pcrsbx-";

// "pcrsbx-<pid>-<nonce as 4 hex digits>-"
std::string run_prefix(pid_t owner, unsigned nonce);

// The owner pid encoded in a name that starts with the prefix (after an optional directory).
std::optional<pid_t> owner_of(std::string_view name);

// True when the process that created a name is gone, so the name is stale.
bool owner_is_gone(std::string_view name);

// "pm1", "pm2", ... (1-based).
std::string node_name(int index);

}  // namespace pacer::sandbox
