// The stonith class until stonithd exists: a clear "not available" error, never a silent success;
// meta-data and the type list through cluster-glue's `stonith` command.
#include "lrmd/stonith_class.h"

#include <catch2/catch.hpp>

#include "tests/support/fake_process_runner.h"

namespace pacer::lrmd {
namespace {

TEST_CASE("stonith start/monitor/stop answer 'not available' as an error") {
  FakeProcessRunner runner;
  StonithClass stonith("/usr/sbin/stonith", runner);
  ResourceSpec spec{"prmStonith", "stonith", "", "external/ssh", {{"hostlist", "pm2"}}};
  REQUIRE(stonith.validate(spec));
  for (const char* op : {"start", "monitor", "stop"}) {
    OperationPlan plan = stonith.plan(spec, {.operation = op}, Millis(1000));
    REQUIRE(std::holds_alternative<ImmediateOutcome>(plan));
    const auto& outcome = std::get<ImmediateOutcome>(plan);
    CHECK(outcome.status == OpStatus::error);
    CHECK(outcome.rc == rc::err_generic);
    CHECK(outcome.output.find("stonithd is not available") != std::string::npos);
  }
  OperationPlan meta = stonith.plan(spec, {.operation = "meta-data"}, Millis(1000));
  REQUIRE(std::holds_alternative<ExecPlan>(meta));
  CHECK(std::get<ExecPlan>(meta).argv ==
        std::vector<std::string>{"/usr/sbin/stonith", "-t", "external/ssh", "-m"});
  CHECK_FALSE(stonith.validate({"x", "stonith", "", "../../bin/sh", {}}));
}

TEST_CASE("stonith types come from stonith -L") {
  FakeProcessRunner runner;
  ExitStatus listed;
  listed.exited = true;
  listed.stdout_text = "null\nexternal/ssh\nmeatware\n";
  runner.queue(listed);
  StonithClass stonith("/usr/sbin/stonith", runner);
  auto types = stonith.types("");
  REQUIRE(types);
  CHECK(*types == std::vector<std::string>{"external/ssh", "meatware", "null"});
  CHECK(runner.commands() == std::vector<std::string>{"/usr/sbin/stonith -L"});
}

}  // namespace
}  // namespace pacer::lrmd
