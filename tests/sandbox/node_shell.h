// Running a shell script in a sandbox host, as the integration tests' cluster helpers do: the
// exit code as a shell would report it and stdout without its final newlines.
#pragma once

#include <chrono>
#include <string>

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

}  // namespace pacer::sandbox
