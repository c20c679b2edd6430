#include "tests/support/fake_process_runner.h"

namespace pacer {

Result<ExitStatus> FakeProcessRunner::run(const SpawnOptions& options,
                                          std::optional<std::chrono::milliseconds> timeout) {
  std::string joined;
  for (const auto& arg : options.argv) joined += (joined.empty() ? "" : " ") + arg;
  commands_.push_back(joined);
  calls_.push_back(options);
  timeouts_.push_back(timeout);
  if (responder_) return responder_(options);
  if (queued_.empty()) return ExitStatus{.exited = true};
  ExitStatus next = std::move(queued_.front());
  queued_.pop_front();
  return next;
}

}  // namespace pacer
