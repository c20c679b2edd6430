// Host tool invocation through pacer's ProcessRunner, with errors that say which command failed.
#include "tests/sandbox/command.h"

#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pacer::sandbox {

std::string tool_path(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  for (const char* dir : {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
    std::string candidate = std::string(dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return name;
}

std::vector<std::string> tool_environment() {
  return {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root",
          "LANG=C.UTF-8", "TERM=dumb"};
}

Result<std::string> run_checked(ProcessRunner& runner, std::vector<std::string> argv,
                                std::optional<std::string> input,
                                std::chrono::milliseconds timeout) {
  SpawnOptions opts;
  opts.argv = std::move(argv);
  if (!opts.argv.empty()) opts.argv[0] = tool_path(opts.argv[0]);
  opts.env = tool_environment();
  opts.stdin_data = std::move(input);
  auto res = runner.run(opts, timeout);
  std::string cmd = fmt::format("{}", fmt::join(opts.argv, " "));
  if (!res) return res.status().with_context(cmd);
  if (!res->succeeded()) {
    std::string err = res->stderr_text;
    while (!err.empty() && (err.back() == '\n' || err.back() == ' ')) err.pop_back();
    return Status::error(fmt::format("{}: {}: {}", cmd, res->describe(), err));
  }
  return std::move(res->stdout_text);
}

}  // namespace pacer::sandbox
