// The detached process behind `sandbox up`: it owns one Sandbox (nodes die with it), serves the
// control socket and tears everything down on `down`, SIGTERM or SIGINT.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/unique_fd.h"
#include "tests/sandbox/control_protocol.h"
#include "tests/sandbox/sandbox.h"

namespace pacer::sandbox {

inline constexpr const char* kControlRoot = "/run/pacer-sandbox";

std::filesystem::path control_dir(const std::string& name);

// Builds the sandbox, writes "ok\n<status>" or "err\n<why>" to `report_fd` once it is up (or failed),
// then serves until told to stop. Returns the process exit code.
int run_supervisor(const std::string& name, SandboxOptions options, UniqueFd report_fd);

// Executes one control request against a sandbox (used by the supervisor, testable on its own).
// Sets `stop` for "down".
Reply handle_request(Sandbox& sandbox, const std::vector<std::string>& words, bool& stop);
std::string describe_sandbox(Sandbox& sandbox, const std::string& name);

// The control socket's pieces, for a test that owns its Sandbox and serves its own socket (a
// STONITH plugin inside a node powering another node through sandbox-cli): a root-only listening
// socket at `path`, and one connection's request read, executed and answered.
Result<UniqueFd> listen_on(const std::filesystem::path& path);
void serve_one(Sandbox& sandbox, int client, bool& stop);

}  // namespace pacer::sandbox
