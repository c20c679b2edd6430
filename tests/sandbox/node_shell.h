// Running a shell script in a sandbox host, as the integration tests' cluster helpers do: the
// exit code as a shell would report it and stdout without its final newlines.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "tests/sandbox/sandbox.h"

namespace pacer::sandbox {

struct ShellOutcome {
  int code = -1;        // exit code; 128 + signal when killed; -1 when it could not be run
  std::string out;      // stdout, final newlines removed
  std::string err;      // stderr
  std::string summary;  // how it ended, or why it could not run
};

ShellOutcome run_shell(Sandbox& sandbox, const std::string& host, const std::string& script,
                       std::chrono::milliseconds timeout);

// The ha.cf the whole-stack tests run: keepalive 200 ms, deadtime 1 s, both interconnects
// broadcast, `nodes` listed.
std::string stack_test_ha_cf(const std::vector<std::string>& nodes);

// Writes `ha_cf` and an authkeys with `secret` into `host` and starts heartbeatd there, which
// starts the rest of the stack its ha.cf asks for.
Status start_heartbeat(Sandbox& sandbox, const std::string& host, const std::string& ha_cf,
                       const std::string& secret);

// Polls `probe` every `every` until it returns true (true) or `timeout` has passed (false).
bool wait_until(const std::function<bool()>& probe, std::chrono::milliseconds timeout,
                std::chrono::milliseconds every = std::chrono::milliseconds(250));

}  // namespace pacer::sandbox
