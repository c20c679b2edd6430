// Test helper: an OperationExecutor that runs nothing. It records each job and completes it when
// the test says so, on the test's thread — standing in for the event loop.
#pragma once

#include <deque>
#include <vector>

#include "lrmd/operation_executor.h"

namespace pacer::lrmd::testing {

class FakeExecutor final : public OperationExecutor {
 public:
  struct Pending {
    ExecJob job;
    Done done;
    MonoTime started;
  };
  explicit FakeExecutor(const Clock& clock) : clock_(clock) {}

  void execute(ExecJob job, Done done) override {
    started_.push_back(job);
    pending_.push_back(Pending{std::move(job), std::move(done), clock_.monotonic()});
  }

  size_t running() const { return pending_.size(); }
  const std::vector<ExecJob>& started() const { return started_; }
  const ExecJob& job(size_t i) const { return pending_.at(i).job; }

  // Completes the i-th running job with exit `code` (or as timed out).
  void complete(size_t i, int code, bool timed_out = false, std::string out = "") {
    Pending p = std::move(pending_.at(i));
    pending_.erase(pending_.begin() + static_cast<long>(i));
    ExitStatus s;
    s.exited = !timed_out;
    s.signal = timed_out ? 15 : 0;
    s.code = code;
    s.timed_out = timed_out;
    s.stdout_text = std::move(out);
    p.done(ExecOutcome{s, 4242, p.started, clock_.monotonic()});
  }

 private:
  const Clock& clock_;
  std::deque<Pending> pending_;
  std::vector<ExecJob> started_;
};

}  // namespace pacer::lrmd::testing
