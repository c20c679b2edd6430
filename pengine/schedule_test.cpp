// The whole pipeline on the seed's demo scenarios, at the library level (no executable, no files
// other than the fixtures read here).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "pengine/schedule.h"
#include "pengine/transition_summary.h"

using namespace pacer;
using namespace pacer::pengine;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the seven demo scenarios reach the reference's decisions") {
  auto name = GENERATE(as<std::string>{}, "running", "pg-monitor-failed", "ping-lost", "disk-error",
                       "pm1-standby", "pm1-lost", "stop-timeout");
  std::string base = std::string(PACER_SCENARIOS_DIR) + "/" + name;
  auto cib = XmlDocument::parse(read(base + ".xml"), name);
  REQUIRE(cib.is_ok());
  auto result = schedule(*cib, 0, ScheduleOptions{});
  REQUIRE(result.is_ok());
  INFO(name);
  CHECK(format_transition_summary(*result) + "\n" == read(base + ".summary"));
}

TEST_CASE("stop-timeout fences pm1 and recovers prmPg on pm2") {
  auto cib = XmlDocument::parse(read(std::string(PACER_SCENARIOS_DIR) + "/stop-timeout.xml"), "x");
  REQUIRE(cib.is_ok());
  auto result = schedule(*cib, 0, ScheduleOptions{});
  REQUIRE(result.is_ok());
  const WorkingSet& ws = result->working_set;
  int pm1 = *ws.find_node("pm1"), pm2 = *ws.find_node("pm2");
  CHECK(ws.nodes[pm1].unclean);
  int pg = *ws.find_resource("prmPg");
  CHECK(ws.resources[pg].assigned == pm2);
  int fences = 0;
  for (const Action& a : result->graph.actions) {
    if (a.kind == ActionKind::kFence) ++fences;
    // Stops on the fenced node are implied by the fencing, never executed there.
    if (a.kind == ActionKind::kStop && a.node == pm1) CHECK(a.pseudo);
  }
  CHECK(fences == 1);
}

TEST_CASE("a node whose crmd asked to shut down hosts nothing: everything moves or stops, as the reference") {
  // pm1-standby's CIB with the standby taken off and crmd's shutdown request on pm1 instead.
  std::string xml = read(std::string(PACER_SCENARIOS_DIR) + "/pm1-standby.xml");
  const std::string standby = R"(<nvpair id="nodes-8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01-standby" name="standby" value="on"/>)";
  REQUIRE(xml.find(standby) != std::string::npos);
  xml.erase(xml.find(standby), standby.size());
  const std::string attrs = R"(<instance_attributes id="status-8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01">)";
  REQUIRE(xml.find(attrs) != std::string::npos);
  xml.insert(xml.find(attrs) + attrs.size(), R"(<nvpair id="status-sd" name="shutdown" value="1700000000"/>)");
  auto cib = XmlDocument::parse(xml, "shutdown");
  REQUIRE(cib.is_ok());
  auto result = schedule(*cib, 0, ScheduleOptions{});
  REQUIRE(result.is_ok());
  // What Pacemaker 2.1.5's crm_simulate -S prints for the same input.
  CHECK(format_transition_summary(*result) ==
        "Transition Summary:\n"
        "  * Move       prmEx             ( pm1 -> pm2 )\n"
        "  * Move       prmFs             ( pm1 -> pm2 )\n"
        "  * Move       prmIp             ( pm1 -> pm2 )\n"
        "  * Move       prmPg             ( pm1 -> pm2 )\n"
        "  * Stop       prmStonith2-1     (        pm1 )  due to node availability\n"
        "  * Stop       prmStonith2-2     (        pm1 )  due to node availability\n"
        "  * Stop       prmStonith2-3     (        pm1 )  due to node availability\n"
        "  * Stop       prmPingd:0        (        pm1 )  due to node availability\n"
        "  * Stop       prmDiskd1:0       (        pm1 )  due to node availability\n"
        "  * Stop       prmDiskd2:0       (        pm1 )  due to node availability\n");
  // A withdrawn request ("0") changes nothing.
  xml.replace(xml.find("value=\"1700000000\""), 18, "value=\"0\"");
  auto withdrawn = XmlDocument::parse(xml, "withdrawn");
  REQUIRE(withdrawn.is_ok());
  auto calm = schedule(*withdrawn, 0, ScheduleOptions{});
  REQUIRE(calm.is_ok());
  CHECK(format_transition_summary(*calm) == "Transition Summary:\n");
}

TEST_CASE("failure-timeout: the same failure counts before it expires and is cleared after") {
  // A golden case's CIB: rsc2 failed on node1 (last failure 1700000000), migration-threshold=1,
  // failure-timeout=60s; `now` decides.
  std::string path = std::string(PACER_GOLDEN_DIR) + "/failure-timeout-expired/input.xml";
  auto cib = XmlDocument::parse(read(path), "failure-timeout-expired");
  REQUIRE(cib.is_ok());
  auto count_clears = [](const Schedule& s) {
    int n = 0;
    for (const Action& a : s.graph.actions) n += a.kind == ActionKind::kClearFailcount;
    return n;
  };
  auto before = schedule(*cib, 1700000030, ScheduleOptions{});
  REQUIRE(before.is_ok());
  int rsc2 = *before->working_set.find_resource("rsc2");
  int node2 = *before->working_set.find_node("node2");
  CHECK(before->working_set.resources[rsc2].assigned == node2);  // banned from node1: recovers
  CHECK(count_clears(*before) == 0);
  auto after = schedule(*cib, 1700000060, ScheduleOptions{});
  REQUIRE(after.is_ok());
  CHECK(after->working_set.resources[rsc2].assigned != node2);  // the failure no longer counts
  CHECK(count_clears(*after) == 1);
}
