// pingd's scoring and log lines with a scripted probe.
#include "agents/ping_round.h"

#include <catch2/catch.hpp>

#include <map>

namespace pacer::agents {
namespace {

TEST_CASE("score is multiplier x reachable hosts", "[pingd]") {
  std::map<std::string, ProbeOutcome> net{{"198.19.0.200", ProbeOutcome::reply},
                                          {"198.19.0.201", ProbeOutcome::no_reply}};
  auto probe = [&](const std::string& h) { return net[h]; };
  auto r = ping_round({"198.19.0.200"}, 2, 100, probe);
  CHECK(r.score == 100);
  CHECK(r.log_lines.empty());
  r = ping_round({"198.19.0.200", "198.19.0.201"}, 2, 100, probe);
  CHECK(r.reachable == 1);
  CHECK(r.score == 100);
  REQUIRE(r.log_lines.size() == 1);
  CHECK(r.log_lines[0] == "stand_alone_ping: Node 198.19.0.201 is unreachable (read)");
  net["198.19.0.200"] = ProbeOutcome::send_failed;
  r = ping_round({"198.19.0.200"}, 2, 100, probe);
  CHECK(r.score == 0);
  CHECK(r.log_lines[0] == "stand_alone_ping: Node 198.19.0.200 is unreachable (write)");
}

TEST_CASE("a host counts if any attempt answers", "[pingd]") {
  int calls = 0;
  auto flaky = [&](const std::string&) { return ++calls == 2 ? ProbeOutcome::reply : ProbeOutcome::no_reply; };
  auto r = ping_round({"198.19.0.200"}, 3, 1, flaky);
  CHECK(calls == 2);
  CHECK(r.score == 1);
  calls = 0;
  r = ping_round({"198.19.0.200"}, 1, 1, flaky);
  CHECK(calls == 1);
  CHECK(r.score == 0);
}

}  // namespace
}  // namespace pacer::agents
