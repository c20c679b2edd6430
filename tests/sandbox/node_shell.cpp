#include "tests/sandbox/node_shell.h"

namespace pacer::sandbox {

ShellOutcome run_shell(Sandbox& sandbox, const std::string& host, const std::string& script,
                       std::chrono::milliseconds timeout) {
  ShellOutcome outcome;
  auto res = sandbox.sh(host, script, {.timeout = timeout});
  if (!res) {
    outcome.summary = res.error_message();
    return outcome;
  }
  outcome.code = res->exited ? res->code : 128 + res->signal;
  outcome.out = res->stdout_text;
  while (!outcome.out.empty() && outcome.out.back() == '\n') outcome.out.pop_back();
  outcome.err = res->stderr_text;
  outcome.summary = res->describe();
  return outcome;
}

}  // namespace pacer::sandbox
