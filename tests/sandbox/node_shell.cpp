#include "tests/sandbox/node_shell.h"

#include <thread>

#include <fmt/format.h>

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

std::string stack_test_ha_cf(const std::vector<std::string>& nodes) {
  std::string cf =
      "pacemaker on\nkeepalive 200ms\nwarntime 600ms\ndeadtime 1\ninitdead 2\nlogfacility local1\n"
      "bcast eth1\nbcast eth2\n";
  for (const auto& n : nodes) cf += "node " + n + "\n";
  return cf;
}

Status start_heartbeat(Sandbox& sandbox, const std::string& host, const std::string& ha_cf,
                       const std::string& secret) {
  if (Status s = sandbox.write_file(host, "/etc/ha.d/ha.cf", ha_cf); !s) return s;
  if (Status s = sandbox.write_file(host, "/etc/ha.d/authkeys", "auth 1\n1 sha1 " + secret + "\n"); !s)
    return s;
  auto started = run_shell(sandbox, host, "chmod 600 /etc/ha.d/authkeys && " PACER_LIBEXEC "/heartbeatd",
                           std::chrono::seconds(60));
  if (started.code != 0)
    return Status::error(fmt::format("{}: starting heartbeatd: {} {}", host, started.summary, started.err));
  return Status::ok();
}

bool wait_until(const std::function<bool()>& probe, std::chrono::milliseconds timeout,
                std::chrono::milliseconds every) {
  auto end = std::chrono::steady_clock::now() + timeout;
  while (!probe()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(every);
  }
  return true;
}

}  // namespace pacer::sandbox
