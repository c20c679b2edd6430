// The scheduler with a fake executor and fake time: per-resource order, the parallelism limit,
// recurring monitors (changes only, start-delay, cancel, lateness), rc 5 for a missing agent
// without running anything, and results that always come after the request returned.
#include "lrmd/resource_manager.h"

#include <catch2/catch.hpp>

#include "lrmd/fake_executor.h"
#include "lrmd/ocf_class.h"
#include "lrmd/test_agents_dir.h"
#include "tests/support/fake_clock.h"

namespace pacer::lrmd {
namespace {

struct Harness {
  FakeClock clock;
  ipc::TimerQueue queue{clock};
  QueueTimers timers{queue};
  testing::FakeExecutor executor{clock};
  testing::TestAgentsDir agents;
  Logger log{LogSettings{.entity = "lrmd", .hostname = "pm1", .pid = 1}, clock};
  std::unique_ptr<ResourceManager> manager;
  std::vector<std::pair<ClientId, OperationResult>> results;

  explicit Harness(size_t max_children = 4) {
    agents.write_ocf("Dummy", "#!/bin/sh\nexit 0\n");
    AgentEnvironmentOptions env;
    env.ocf_root = agents.ocf_root();
    ManagerOptions options;
    options.max_children = max_children;
    options.logtag_pid = false;
    manager = std::make_unique<ResourceManager>(clock, timers, executor, log, options);
    manager->add_class(std::make_unique<OcfClass>(env));
    manager->set_result_sink([this](ClientId c, const OperationResult& r) { results.push_back({c, r}); });
  }
  void add(const std::string& id, const std::string& type = "Dummy") {
    REQUIRE(manager->register_resource({id, "ocf", "pacertest", type, {}}));
  }
  int perform(const std::string& id, const std::string& op, Millis interval = Millis(0),
              Millis start_delay = Millis(0), ClientId owner = 1) {
    auto call = manager->perform(owner, {.rsc_id = id, .operation = op, .interval = interval,
                                         .start_delay = start_delay});
    REQUIRE(call);
    return *call;
  }
  void advance(Millis by) {
    clock.advance(by);
    queue.run_due();
  }
  std::string action(size_t i) const { return executor.job(i).argv.back(); }
};

TEST_CASE("operations on one resource run one at a time in arrival order") {
  Harness h;
  h.add("r1");
  int start = h.perform("r1", "start");
  int monitor = h.perform("r1", "monitor");
  int stop = h.perform("r1", "stop");
  REQUIRE(h.executor.running() == 1);
  CHECK(h.action(0) == "start");
  h.executor.complete(0, 0);
  REQUIRE(h.executor.running() == 1);
  CHECK(h.action(0) == "monitor");
  h.executor.complete(0, 7);
  CHECK(h.action(0) == "stop");
  h.executor.complete(0, 0);
  REQUIRE(h.results.size() == 3);
  CHECK(h.results[0].second.call_id == start);
  CHECK(h.results[1].second.call_id == monitor);
  CHECK(h.results[1].second.rc == 7);
  CHECK(h.results[2].second.call_id == stop);
}

TEST_CASE("different resources run in parallel up to the limit, then in order") {
  Harness h(2);
  for (const char* id : {"a", "b", "c"}) h.add(id);
  h.perform("a", "start");
  h.perform("b", "start");
  h.perform("c", "start");
  CHECK(h.executor.running() == 2);
  CHECK(h.manager->running() == 2);
  h.executor.complete(1, 0);  // b ends; c gets its slot
  REQUIRE(h.executor.running() == 2);
  CHECK(h.executor.started().back().env.end() !=
        std::find(h.executor.started().back().env.begin(), h.executor.started().back().env.end(),
                  "OCF_RESOURCE_INSTANCE=c"));
  h.manager->set_max_children(5);
  CHECK(h.executor.running() == 2);
}

TEST_CASE("a missing agent is rc 5 without running anything, after perform returned") {
  Harness h;
  h.add("ghost", "NoSuchAgent");
  int call = h.perform("ghost", "start");
  CHECK(h.results.empty());  // not from inside perform()
  h.advance(Millis(0));
  CHECK(h.executor.started().empty());
  REQUIRE(h.results.size() == 1);
  CHECK(h.results[0].second.call_id == call);
  CHECK(h.results[0].second.rc == rc::not_installed);
  CHECK(h.results[0].second.op_status == OpStatus::done);
}

TEST_CASE("a timeout is recorded as Timed Out with rc -2 and kept as the last result") {
  Harness h;
  h.add("r1");
  h.perform("r1", "stop");
  h.executor.complete(0, 0, /*timed_out=*/true);
  REQUIRE(h.results.size() == 1);
  CHECK(h.results[0].second.op_status == OpStatus::timed_out);
  CHECK(h.results[0].second.rc == -2);
  auto state = h.manager->state();
  REQUIRE(state.size() == 1);
  REQUIRE(state[0].last_results.size() == 1);
  CHECK(state[0].last_results[0].op_status == OpStatus::timed_out);
}

TEST_CASE("recurring monitors report the first result and then only changes") {
  Harness h;
  h.add("r1");
  h.perform("r1", "monitor", Millis(10000));
  h.executor.complete(0, 0);  // first result: reported
  CHECK(h.results.size() == 1);
  for (int i = 0; i < 3; ++i) {  // unchanged: not reported
    h.advance(Millis(10000));
    REQUIRE(h.executor.running() == 1);
    h.executor.complete(0, 0);
  }
  CHECK(h.results.size() == 1);
  h.advance(Millis(10000));
  h.executor.complete(0, 7);  // the service died behind the agent's back
  REQUIRE(h.results.size() == 2);
  CHECK(h.results[1].second.rc == 7);
  CHECK(h.executor.started().size() == 5);
  // The last result is always recorded, reported or not.
  CHECK(h.manager->state()[0].last_results[0].rc == 7);
}

TEST_CASE("a recurring monitor reports every result when asked to") {
  Harness h;
  h.add("r1");
  REQUIRE(h.manager->perform(1, {.rsc_id = "r1", .operation = "monitor",
                                 .interval = Millis(1000), .report_every_time = true}));
  for (int i = 0; i < 3; ++i) {
    h.executor.complete(0, 0);
    h.advance(Millis(1000));
  }
  CHECK(h.results.size() == 3);
}

TEST_CASE("queue time measures how late a recurring run started") {
  Harness h(1);
  h.add("a");
  h.add("b");
  h.perform("a", "monitor", Millis(10000));
  h.perform("b", "start");
  h.executor.complete(0, 0);  // a's first monitor
  h.advance(Millis(10000));   // a is due now, but b's start holds the only slot
  h.advance(Millis(250));
  h.executor.complete(0, 0);  // b's start ends; a's monitor starts 250 ms late
  REQUIRE(h.executor.running() == 1);
  h.executor.complete(0, 1);
  REQUIRE(h.results.size() == 3);
  CHECK(h.results[2].second.rsc_id == "a");
  CHECK(h.results[2].second.queue_time == Millis(250));
}

TEST_CASE("start-delay holds the first run back") {
  Harness h;
  h.add("r1");
  h.perform("r1", "monitor", Millis(10000), Millis(5000));
  CHECK(h.executor.running() == 0);
  h.advance(Millis(4999));
  CHECK(h.executor.running() == 0);
  h.advance(Millis(1));
  CHECK(h.executor.running() == 1);
}

TEST_CASE("cancelling a recurring monitor reports Cancelled and stops it") {
  Harness h;
  h.add("r1");
  int call = h.perform("r1", "monitor", Millis(10000));
  h.executor.complete(0, 0);
  REQUIRE(h.manager->cancel("r1", call));
  h.advance(Millis(0));
  REQUIRE(h.results.size() == 2);
  CHECK(h.results[1].second.op_status == OpStatus::cancelled);
  h.advance(Millis(60000));
  CHECK(h.executor.running() == 0);
  CHECK(h.manager->state()[0].recurring.empty());
  CHECK_FALSE(h.manager->cancel("r1", call));
}

TEST_CASE("cancelling a running recurring monitor reports Cancelled when it ends") {
  Harness h;
  h.add("r1");
  int call = h.perform("r1", "monitor", Millis(10000));
  REQUIRE(h.manager->cancel("r1", call));
  h.executor.complete(0, 0);
  REQUIRE(h.results.size() == 1);
  CHECK(h.results[0].second.op_status == OpStatus::cancelled);
  h.advance(Millis(20000));
  CHECK(h.executor.running() == 0);
}

TEST_CASE("a gone client's recurring ops stop; unregister waits for no running op") {
  Harness h;
  h.add("r1");
  h.perform("r1", "monitor", Millis(1000), Millis(0), /*owner=*/7);
  CHECK_FALSE(h.manager->unregister_resource("r1"));  // its monitor is running
  h.executor.complete(0, 0);
  h.manager->client_gone(7);
  h.advance(Millis(5000));
  CHECK(h.executor.running() == 0);
  CHECK(h.manager->unregister_resource("r1"));
  CHECK(h.manager->resource_count() == 0);
}

TEST_CASE("registration checks class and definition") {
  Harness h;
  CHECK_FALSE(h.manager->register_resource({"x", "nosuch", "", "Dummy", {}}));
  CHECK_FALSE(h.manager->register_resource({"x", "ocf", "", "Dummy", {}}));  // no provider
  CHECK(h.manager->register_resource({"x", "ocf", "pacertest", "Dummy", {{"a", "1"}}}));
  CHECK(h.manager->register_resource({"x", "ocf", "pacertest", "Dummy", {{"a", "1"}}}));
  CHECK_FALSE(h.manager->register_resource({"x", "ocf", "pacertest", "Dummy", {{"a", "2"}}}));
  CHECK_FALSE(h.manager->perform(1, {.rsc_id = "nope", .operation = "start"}));
}

}  // namespace
}  // namespace pacer::lrmd
