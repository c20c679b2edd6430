// Result building: a timeout is "Timed Out" with rc -2 whatever the agent's exit, exec errors map
// to 5/4, rcs outside 0..9 become 1, and recurring results are reported only on change.
#include "lrmd/operation_outcome.h"

#include <cerrno>

#include <catch2/catch.hpp>

#include "lrmd/ocf_class.h"

namespace pacer::lrmd {
namespace {

struct Fixture {
  OcfClass ocf{AgentEnvironmentOptions{}};
  OperationRequest request{.rsc_id = "prmDummy", .operation = "monitor", .interval = Millis(10000)};
  MonoTime t0{};
  OutcomeContext context() {
    return OutcomeContext{7, &request, Millis(20000), t0, 1310410414, 64};
  }
  ExecOutcome exited(int code) {
    ExitStatus s;
    s.exited = true;
    s.code = code;
    s.stdout_text = "out";
    return ExecOutcome{s, 1234, t0 + Millis(30), t0 + Millis(80)};
  }
};

TEST_CASE_METHOD(Fixture, "an agent that exits is done with its rc, timings recorded") {
  OperationResult r = result_from_exec(context(), ocf, exited(7));
  CHECK(r.op_status == OpStatus::done);
  CHECK(r.rc == 7);
  CHECK(r.call_id == 7);
  CHECK(r.rsc_id == "prmDummy");
  CHECK(r.interval == Millis(10000));
  CHECK(r.queue_time == Millis(30));
  CHECK(r.exec_time == Millis(50));
  CHECK(r.output == "out");
}

TEST_CASE_METHOD(Fixture, "a timeout is Timed Out with rc -2, even if the agent then exited 0") {
  ExecOutcome o = exited(0);
  o.exit->timed_out = true;
  OperationResult r = result_from_exec(context(), ocf, o);
  CHECK(r.op_status == OpStatus::timed_out);
  CHECK(r.rc == rc::exec_unknown_error);
  CHECK(op_status_text(r.op_status) == "Timed Out");
}

TEST_CASE_METHOD(Fixture, "rc outside 0..9 becomes 1; a signal death is an error") {
  CHECK(result_from_exec(context(), ocf, exited(42)).rc == rc::err_generic);
  ExitStatus killed;
  killed.signal = 9;
  OperationResult r = result_from_exec(context(), ocf, ExecOutcome{killed, 1, t0, t0});
  CHECK(r.op_status == OpStatus::error);
  CHECK(r.rc == rc::exec_unknown_error);
}

TEST_CASE_METHOD(Fixture, "exec errors map to not installed / no permission / error") {
  auto with_errno = [&](int err) {
    return result_from_exec(context(), ocf,
                            ExecOutcome{Status::from_errno("cannot execute x", err), -1, t0, t0});
  };
  CHECK(with_errno(ENOENT).rc == rc::not_installed);
  CHECK(with_errno(EACCES).rc == rc::err_perm);
  OperationResult other = with_errno(E2BIG);
  CHECK(other.rc == rc::exec_unknown_error);
  CHECK(other.op_status == OpStatus::error);
}

TEST_CASE_METHOD(Fixture, "output is capped") {
  ExecOutcome o = exited(0);
  o.exit->stdout_text = std::string(1000, 'x');
  OperationResult r = result_from_exec(context(), ocf, o);
  CHECK(r.output.size() < 100);
  CHECK(r.output.find("[output truncated]") != std::string::npos);
}

TEST_CASE("recurring results are reported first and on change only") {
  OperationResult r;
  r.rc = 0;
  r.op_status = OpStatus::done;
  std::optional<std::pair<int, OpStatus>> none;
  auto same = std::make_optional(std::make_pair(0, OpStatus::done));
  auto other = std::make_optional(std::make_pair(7, OpStatus::done));
  CHECK(should_report(none, r, true, false));
  CHECK_FALSE(should_report(same, r, true, false));
  CHECK(should_report(other, r, true, false));
  CHECK(should_report(same, r, true, true));   // every time requested
  CHECK(should_report(same, r, false, false)); // one-shot
}

}  // namespace
}  // namespace pacer::lrmd
