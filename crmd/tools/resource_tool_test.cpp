// crm_resource against a CIB file.
#include <catch2/catch.hpp>

#include "crmd/tools/resource_tool.h"
#include "crmd/tools/tool_test_cib.h"

using namespace pacer::crmd::tools;
using namespace pacer::crmd::tools::testing;

namespace {
int crm_resource(const std::vector<std::string>& args, ToolContext& ctx) { return run_resource_tool(args, ctx); }
}  // namespace

TEST_CASE("crm_resource -L and -W read where resources run from the status section") {
  ToolFixture f;
  CHECK(f.run(crm_resource, {"-L"}) == 0);
  CHECK(f.out.str() == " prmDummy\t(ocf::heartbeat:Dummy):\tStarted pm1\n");
  CHECK(f.run(crm_resource, {"-W", "-r", "prmDummy"}) == 0);
  CHECK(f.out.str() == "resource prmDummy is running on: pm1\n");
  CHECK(f.run(crm_resource, {"-W", "-r", "nothing"}) == kExitNotExists);
}

TEST_CASE("crm_resource -M and -U add and remove the cli- constraints") {
  ToolFixture f;
  CHECK(f.run(crm_resource, {"-M", "-r", "prmDummy"}) == 0);
  CHECK(f.cib_text().find(R"(<rsc_location id="cli-standby-prmDummy" rsc="prmDummy">)") != std::string::npos);
  CHECK(f.cib_text().find(R"(score="-INFINITY")") != std::string::npos);
  CHECK(f.run(crm_resource, {"-M", "-r", "prmDummy", "-N", "pm2"}) == 0);
  CHECK(f.cib_text().find("cli-standby-prmDummy") == std::string::npos);
  CHECK(f.cib_text().find(R"(attribute="#uname" operation="eq" value="pm2")") != std::string::npos);
  CHECK(f.run(crm_resource, {"-U", "-r", "prmDummy"}) == 0);
  CHECK(f.cib_text().find("cli-prefer") == std::string::npos);
}

TEST_CASE("crm_resource -C forgets the history and the fail-count on the node") {
  ToolFixture f;
  std::vector<std::string> forgotten;  // through attrd, which would write them back otherwise
  f.delete_attribute = [&](const std::string& name, const std::string& node) {
    forgotten.push_back(name + "@" + node);
    return pacer::Status::ok();
  };
  CHECK(f.run(crm_resource, {"-C", "-r", "prmDummy", "-H", "pm1"}) == 0);
  CHECK(forgotten == std::vector<std::string>{"fail-count-prmDummy@pm1", "last-failure-prmDummy@pm1"});
  CHECK(f.out.str() == "Cleaning up prmDummy on pm1\n");
  CHECK(f.cib_text().find("fail-count-prmDummy") == std::string::npos);
  CHECK(f.cib_text().find("<lrm_resource id=\"prmDummy\"") == std::string::npos);
  CHECK(f.run(crm_resource, {"-W", "-r", "prmDummy"}) == 0);
  CHECK(f.out.str() == "resource prmDummy is NOT running\n");
}

TEST_CASE("crm_resource -F asks crmd to fail the resource on the named node") {
  ToolFixture f;
  std::vector<std::string> asked;
  f.fail_resource = [&](const std::string& rsc, const std::string& node) {
    asked.push_back(rsc + "@" + node);
    return node == "pm2" ? pacer::Status::ok() : pacer::Status::error("resource prmDummy is not known to the LRM on this node");
  };
  CHECK(f.run(crm_resource, {"-F", "-r", "prmDummy", "-H", "pm2"}) == 0);
  CHECK(f.out.str().empty());
  CHECK(f.run(crm_resource, {"-F", "-r", "prmDummy"}) == 1);
  CHECK(f.err.str() == "Please supply a hostname with -H\n");
  CHECK(f.run(crm_resource, {"-F", "-r", "prmDummy", "-N", "pm1"}) != 0);
  CHECK(f.err.str().find("not known to the LRM") != std::string::npos);
  CHECK(f.run(crm_resource, {"-F", "-r", "nothing", "-H", "pm2"}) == kExitNotExists);
  CHECK(asked == std::vector<std::string>{"prmDummy@pm2", "prmDummy@pm1"});
}

TEST_CASE("crm_resource -p/-g/-d edit instance and meta attributes") {
  ToolFixture f;
  CHECK(f.run(crm_resource, {"-r", "prmDummy", "-g", "state"}) == 0);
  CHECK(f.out.str() == "/var/run/dummy.state\n");
  CHECK(f.run(crm_resource, {"-r", "prmDummy", "-p", "state", "-v", "/tmp/x"}) == 0);
  CHECK(f.run(crm_resource, {"-r", "prmDummy", "-g", "state"}) == 0);
  CHECK(f.out.str() == "/tmp/x\n");
  CHECK(f.run(crm_resource, {"-r", "prmDummy", "--meta", "-p", "target-role", "-v", "Stopped"}) == 0);
  CHECK(f.cib_text().find(R"(<meta_attributes id="prmDummy-meta_attributes">)") != std::string::npos);
  CHECK(f.cib_text().find(R"(<nvpair id="prmDummy-meta_attributes-target-role" name="target-role" value="Stopped"/>)") != std::string::npos);
  CHECK(f.run(crm_resource, {"-r", "prmDummy", "--meta", "-d", "target-role"}) == 0);
  CHECK(f.cib_text().find("target-role") == std::string::npos);
  CHECK(f.run(crm_resource, {"-r", "prmDummy", "-g", "nothing"}) == kExitNotExists);
}
