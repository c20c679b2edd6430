#include "crmd/transition_engine.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace pacer;
using namespace pacer::crmd;
using namespace std::chrono_literals;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The graph pacer's policy engine writes for the seed's service-LAN failure (ping-lost).
Graph ping_lost_graph() {
  auto g = parse_graph(read_file(PACER_CRMD_TESTDATA "/ping-lost.graph.xml"));
  INFO(g.error_message());
  REQUIRE(g);
  return *g;
}

const MonoTime t0{};

}  // namespace

TEST_CASE("the policy engine's graph parses into synapses with their inputs") {
  Graph g = ping_lost_graph();
  CHECK(g.cluster_delay == 60s);
  CHECK(g.synapses.size() == 16);
  const Synapse& s = g.synapses[0];
  CHECK(s.action.type == ActionType::rsc_op);
  CHECK(s.action.operation_key == "prmEx_stop_0");
  CHECK(s.action.on_node == "pm1");
  CHECK(s.action.rsc_type == "sfex");
  CHECK(s.action.timeout == 60000ms);
  CHECK(s.action.attributes.at("device") == "/dev/xvdb1");
  CHECK(s.inputs == std::vector<int>{12, 3});
}

TEST_CASE("malformed graphs name what is wrong") {
  CHECK(parse_graph("<transition_graph><synapse id='0'><action_set/></synapse></transition_graph>")
            .error_message() == "synapse 0: needs exactly one action");
  CHECK(parse_graph("<transition_graph><synapse id='0'><action_set><rsc_op id='1' operation='start'/>"
                    "</action_set></synapse></transition_graph>")
            .error_message() == "synapse 0: action 1 () has no on_node");
  CHECK(parse_graph("<transition_graph><synapse id='0'><action_set><pseudo_event id='1' operation='x'/>"
                    "</action_set><inputs><trigger><pseudo_event id='9'/></trigger></inputs></synapse>"
                    "</transition_graph>")
            .error_message() == "synapse 0: waits for action 9, which is not in the graph");
  CHECK_FALSE(parse_graph("<cib/>"));
  CHECK_FALSE(parse_graph("not xml"));
}

TEST_CASE("durations as graphs write them") {
  CHECK(*parse_duration("60s") == 60000ms);
  CHECK(*parse_duration("500ms") == 500ms);
  CHECK(*parse_duration("2min") == 120000ms);
  CHECK(*parse_duration("90000") == 90000ms);
  CHECK_FALSE(parse_duration("soon"));
}

TEST_CASE("actions fire in dependency order and the transition completes") {
  std::vector<std::string> fired;
  std::unique_ptr<TransitionEngine> engine;
  engine = std::make_unique<TransitionEngine>(ping_lost_graph(), [&](const GraphAction& a) {
    fired.push_back(a.operation_key + "@" + a.on_node);
  });
  engine->run(t0);
  // The group stops last member first: the database before the IP.
  REQUIRE(fired.size() == 1);
  CHECK(fired[0] == "prmPg_stop_0@pm1");
  // Confirm whatever is in flight until nothing is left.
  for (int round = 0; round < 50 && !engine->finished(); ++round) {
    std::vector<int> in_flight;
    for (const auto& s : engine->graph().synapses)
      if (engine->state(s.action.id) == ActionState::in_flight) in_flight.push_back(s.action.id);
    for (int id : in_flight) engine->confirm(id, true, t0);
  }
  CHECK(engine->complete());
  auto pos = [&](const std::string& key) { return std::find(fired.begin(), fired.end(), key) - fired.begin(); };
  CHECK(pos("prmPg_stop_0@pm1") < pos("prmIp_stop_0@pm1"));
  CHECK(pos("prmEx_stop_0@pm1") < pos("prmEx_start_0@pm2"));
  CHECK(pos("prmEx_start_0@pm2") < pos("prmFs_start_0@pm2"));
  CHECK(pos("prmPg_start_0@pm2") < pos("prmPg_monitor_10000@pm2"));
  auto stats = engine->stats();
  CHECK(stats.complete == 16);
  CHECK(stats.incomplete == 0);
}

TEST_CASE("a failed action aborts: nothing new fires, what is in flight may finish") {
  std::vector<int> fired;
  TransitionEngine engine(ping_lost_graph(), [&](const GraphAction& a) { fired.push_back(a.id); });
  engine.run(t0);
  REQUIRE(fired.size() == 1);
  CHECK(engine.confirm(fired[0], false, t0));
  CHECK(engine.aborted());
  CHECK(engine.finished());
  CHECK_FALSE(engine.complete());
  CHECK(fired.size() == 1);
  CHECK(engine.stats().incomplete == 1);
  CHECK(engine.stats().skipped > 0);
  CHECK_FALSE(engine.confirm(fired[0], true, t0));  // settled already
}

TEST_CASE("an action not confirmed within timeout + cluster-delay fails") {
  std::vector<int> fired;
  TransitionEngine engine(ping_lost_graph(), [&](const GraphAction& a) { fired.push_back(a.id); });
  engine.run(t0);
  // prmPg's stop has a 60 s timeout in the seed's configuration, plus 60 s cluster-delay.
  CHECK(engine.expire(t0 + 119s).empty());
  CHECK(engine.expire(t0 + 120s) == fired);
  CHECK(engine.aborted());
  CHECK(engine.abort_reason().find("timed out") != std::string::npos);
}

TEST_CASE("batch-limit bounds the actions in flight") {
  Graph g;
  g.batch_limit = 2;
  for (int i = 0; i < 5; ++i) {
    Synapse s;
    s.id = i;
    s.action = {i, ActionType::rsc_op, "start", "r" + std::to_string(i) + "_start_0", "pm1"};
    g.synapses.push_back(s);
  }
  std::vector<int> fired;
  TransitionEngine engine(g, [&](const GraphAction& a) { fired.push_back(a.id); });
  engine.run(t0);
  CHECK(fired.size() == 2);
  engine.confirm(fired[0], true, t0);
  CHECK(fired.size() == 3);
}
