// The stonith class: start/stop/monitor through stonithd's stonith-device helper; meta-data and the
// type list through cluster-glue's `stonith` command.
#include "lrmd/stonith_class.h"

#include <catch2/catch.hpp>

#include "tests/support/fake_process_runner.h"

namespace pacer::lrmd {
namespace {

TEST_CASE("stonith start/monitor/stop run stonithd's stonith-device helper with the params in its environment") {
  FakeProcessRunner runner;
  StonithClass stonith("/usr/sbin/stonith", runner, "/usr/libexec/pacer/stonith-device");
  ResourceSpec spec{"prmStonith", "stonith", "", "external/ssh", {{"hostlist", "pm2"}, {"priority", "1"}}};
  REQUIRE(stonith.validate(spec));
  for (const char* op : {"start", "monitor", "stop"}) {
    OperationRequest request{.operation = op};
    request.params = {{"priority", "2"}};
    OperationPlan plan = stonith.plan(spec, request, Millis(1000));
    REQUIRE(std::holds_alternative<ExecPlan>(plan));
    const auto& exec = std::get<ExecPlan>(plan);
    CHECK(exec.argv == std::vector<std::string>{"/usr/libexec/pacer/stonith-device", op, "prmStonith", "external/ssh"});
    CHECK(exec.env == std::vector<std::string>{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "pcr_param_hostlist=pm2",
                                               "pcr_param_priority=2", "pcr_param_CRM_meta_timeout=1000",
                                               "pcr_param_CRM_meta_interval=0"});
  }
  // The helper's exit is stonithd's OCF rc.
  CHECK(stonith.map_exit({.operation = "start"}, 2) == rc::err_args);
  CHECK(stonith.map_exit({.operation = "monitor"}, 7) == rc::not_running);
  CHECK(stonith.map_exit({.operation = "meta-data"}, 5) == rc::err_generic);
  OperationPlan reload = stonith.plan(spec, {.operation = "reload"}, Millis(1000));
  REQUIRE(std::holds_alternative<ImmediateOutcome>(reload));
  CHECK(std::get<ImmediateOutcome>(reload).rc == rc::unimplemented);
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
