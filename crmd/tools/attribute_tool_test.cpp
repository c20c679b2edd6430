// crm_attribute, crm_standby, crm_failcount, crm_master against a CIB file.
#include <catch2/catch.hpp>

#include "crmd/tools/tool_test_cib.h"

using namespace pacer::crmd::tools;
using namespace pacer::crmd::tools::testing;

namespace {
auto tool(AttributeTool which) {
  return [which](const std::vector<std::string>& args, ToolContext& ctx) { return run_attribute_tool(which, args, ctx); };
}
}  // namespace

TEST_CASE("crm_standby sets, reads and deletes the node's standby attribute") {
  ToolFixture f;
  CHECK(f.run(tool(AttributeTool::crm_standby), {"-G"}) == 0);
  CHECK(f.out.str() == "name=standby value=off\n");
  CHECK(f.run(tool(AttributeTool::crm_standby), {"-v", "on"}) == 0);
  CHECK(f.cib_text().find(R"(<nvpair id="nodes-uuid-pm1-standby" name="standby" value="on"/>)") != std::string::npos);
  CHECK(f.run(tool(AttributeTool::crm_standby), {"-G", "-N", "pm1"}) == 0);
  CHECK(f.out.str() == "name=standby value=on\n");
  CHECK(f.run(tool(AttributeTool::crm_standby), {"-v", "off", "-U", "pm1"}) == 0);
  CHECK(f.run(tool(AttributeTool::crm_standby), {"-G", "-q"}) == 0);
  CHECK(f.out.str() == "off\n");
  CHECK(f.run(tool(AttributeTool::crm_standby), {"-D"}) == 0);
  CHECK(f.cib_text().find("standby") == std::string::npos);
}

TEST_CASE("crm_failcount reads the status section, 0 when absent, and deletes") {
  ToolFixture f;
  CHECK(f.run(tool(AttributeTool::crm_failcount), {"-G", "-r", "prmDummy", "-U", "pm1"}) == 0);
  CHECK(f.out.str() == "name=fail-count-prmDummy value=1\n");
  CHECK(f.run(tool(AttributeTool::crm_failcount), {"-G", "-r", "prmDummy", "-N", "pm2"}) == 0);
  CHECK(f.out.str() == "name=fail-count-prmDummy value=0\n");
  CHECK(f.run(tool(AttributeTool::crm_failcount), {"-D", "-r", "prmDummy", "-N", "pm1"}) == 0);
  CHECK(f.cib_text().find("fail-count-prmDummy") == std::string::npos);
  CHECK(f.run(tool(AttributeTool::crm_failcount), {"-G"}) == 1);
}

TEST_CASE("crm_attribute: crm_config, nodes and status; a missing value is an error") {
  ToolFixture f;
  auto attr = tool(AttributeTool::crm_attribute);
  CHECK(f.run(attr, {"-n", "stonith-enabled", "-G"}) == 0);
  CHECK(f.out.str() == "name=stonith-enabled value=false\n");
  CHECK(f.run(attr, {"-n", "stonith-enabled", "-v", "true"}) == 0);  // the existing nvpair is reused
  CHECK(f.cib_text().find(R"(<nvpair id="o-se" name="stonith-enabled" value="true"/>)") != std::string::npos);
  CHECK(f.run(attr, {"-t", "crm_config", "-n", "cluster-delay", "-G"}) == kExitNotExists);
  CHECK(f.err.str() == "Error performing operation: The object/attribute does not exist\n");
  CHECK(f.run(attr, {"-t", "crm_config", "-n", "cluster-delay", "-G", "-d", "60s"}) == 0);
  CHECK(f.out.str() == "name=cluster-delay value=60s\n");
  CHECK(f.run(attr, {"-t", "status", "-N", "pm2", "-n", "pingd", "-v", "100"}) == 0);
  CHECK(f.run(attr, {"-l", "reboot", "-U", "pm2", "-n", "pingd", "-G", "-q"}) == 0);
  CHECK(f.out.str() == "100\n");
  CHECK(f.run(attr, {"-t", "nodes", "-N", "pm9", "-n", "x", "-v", "1"}) == 1);
  CHECK(f.run(attr, {"-n", "x"}) == 1);  // no command
}

TEST_CASE("crm_master names the score after the resource (clone instance suffix dropped)") {
  ToolFixture f;
  auto master = tool(AttributeTool::crm_master);
  CHECK(f.run(master, {"-r", "prmStateful:1", "-v", "100", "-l", "reboot"}) == 0);
  CHECK(f.cib_text().find(R"(name="master-prmStateful" value="100")") != std::string::npos);
  CHECK(f.run(master, {"-G"}) == 1);  // neither -r nor OCF_RESOURCE_INSTANCE
}

TEST_CASE("crm_attribute -p is crm_master's promotion score (what agents call without crm_master)") {
  ToolFixture f;
  auto attr = tool(AttributeTool::crm_attribute);
  CHECK(f.run(attr, {"-p", "prmStateful:0", "-v", "5"}) == 0);
  CHECK(f.cib_text().find(R"(name="master-prmStateful" value="5")") != std::string::npos);
  // In the status section of this node (pm1): for this boot only.
  CHECK(f.run(attr, {"-l", "reboot", "-N", "pm1", "-n", "master-prmStateful", "-G", "-q"}) == 0);
  CHECK(f.out.str() == "5\n");
  CHECK(f.run(attr, {"--promotion=prmStateful", "-G", "-q"}) == 0);
  CHECK(f.out.str() == "5\n");
  CHECK(f.run(attr, {"-p", "prmStateful", "-D"}) == 0);
  CHECK(f.cib_text().find("master-prmStateful") == std::string::npos);
  // Without a resource and outside an agent it says what is missing.
  CHECK(f.run(attr, {"-p", "-v", "5"}) == 1);
  CHECK(f.err.str() == "crm_attribute: this command must be run from a resource agent (or name the resource)\n");
}
