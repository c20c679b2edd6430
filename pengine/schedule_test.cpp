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
