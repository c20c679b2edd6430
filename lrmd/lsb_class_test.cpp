// LSB init scripts: status exit codes mapped to OCF, missing scripts and actions answered without
// running anything, meta-data made from the LSB header.
#include "lrmd/lsb_class.h"

#include <catch2/catch.hpp>

#include "lrmd/test_agents_dir.h"

namespace pacer::lrmd {
namespace {

TEST_CASE("lsb status exit codes map to OCF") {
  LsbClass lsb("/etc/init.d", {});
  OperationRequest monitor{.operation = "monitor"};
  CHECK(lsb.map_exit(monitor, 0) == rc::ok);
  CHECK(lsb.map_exit(monitor, 1) == rc::not_running);
  CHECK(lsb.map_exit(monitor, 2) == rc::not_running);
  CHECK(lsb.map_exit(monitor, 3) == rc::not_running);
  CHECK(lsb.map_exit(monitor, 4) == rc::err_generic);
  CHECK(lsb.map_exit(monitor, 5) == rc::not_installed);
  OperationRequest start{.operation = "start"};
  CHECK(lsb.map_exit(start, 0) == rc::ok);
  CHECK(lsb.map_exit(start, 6) == rc::not_configured);
  CHECK(lsb.map_exit(start, 150) == rc::err_generic);
}

TEST_CASE("lsb monitor runs status; missing script is rc 5; promote is rc 3") {
  testing::TestAgentsDir dir;
  dir.write("init.d/svc", "#!/bin/sh\nexit 0\n");
  LsbClass lsb(dir.init_dir(), {});
  ResourceSpec svc{"prmSvc", "lsb", "", "svc", {}};
  OperationPlan plan = lsb.plan(svc, {.operation = "monitor"}, Millis(1000));
  REQUIRE(std::holds_alternative<ExecPlan>(plan));
  CHECK(std::get<ExecPlan>(plan).argv == std::vector<std::string>{dir.init_dir() + "/svc", "status"});

  OperationPlan missing = lsb.plan({"x", "lsb", "", "nosuch", {}}, {.operation = "start"}, Millis(1000));
  REQUIRE(std::holds_alternative<ImmediateOutcome>(missing));
  CHECK(std::get<ImmediateOutcome>(missing).rc == rc::not_installed);

  OperationPlan promote = lsb.plan(svc, {.operation = "promote"}, Millis(1000));
  REQUIRE(std::holds_alternative<ImmediateOutcome>(promote));
  CHECK(std::get<ImmediateOutcome>(promote).rc == rc::unimplemented);
}

TEST_CASE("lsb meta-data comes from the LSB header") {
  std::string xml = lsb_metadata("svc", "#!/bin/sh\n### BEGIN INIT INFO\n# Provides: svc\n"
                                        "# Short-Description: a <test> service\n"
                                        "# Description: long text\n### END INIT INFO\n");
  CHECK(xml.find("<resource-agent name=\"svc\"") != std::string::npos);
  CHECK(xml.find("<shortdesc lang=\"en\">a &lt;test&gt; service</shortdesc>") != std::string::npos);
  CHECK(xml.find("<longdesc lang=\"en\">long text</longdesc>") != std::string::npos);
}

}  // namespace
}  // namespace pacer::lrmd
