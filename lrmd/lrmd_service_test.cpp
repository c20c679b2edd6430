// LrmdService and LrmdClient over real libqb IPC in one process: the daemon's loop (manager,
// thread-pool executor, real agents in a temp dir) runs in a thread, the client in the test. Covers
// the protocol mapping of every request, results as events, the state a respawned crmd reads back,
// and the client noticing that lrmd is gone (crmd's "LRM Connection failed").
#include "lrmd/lrmd_service.h"

#include <qb/qblog.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "lrmd/lrmd_client.h"
#include "lrmd/lsb_class.h"
#include "lrmd/ocf_class.h"
#include "lrmd/test_agents_dir.h"
#include "lrmd/thread_pool_executor.h"

namespace pacer::lrmd {
namespace {

using namespace std::chrono_literals;

class Daemon {
 public:
  Daemon() {
    qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE);
    agents_.write_ocf("Dummy", "#!/bin/sh\n"
                               "S=\"$OCF_RESKEY_state\"\n"
                               "case $1 in start) touch \"$S\";; stop) rm -f \"$S\";;\n"
                               "monitor) [ -f \"$S\" ] || exit 7;; meta-data) echo '<resource-agent name=\"Dummy\"/>';;\n"
                               "esac\nexit 0\n");
    agents_.write("init.d/svc", "#!/bin/sh\nexit 3\n");
    agents_.write_ocf(".ocf-shellfuncs", "# a library, not an agent\n", 0644);
    agents_.write_ocf("helper-lib", "# not executable\n", 0644);
    auto loop = ipc::EventLoop::create(clock_);
    REQUIRE(loop);
    loop_ = std::move(loop).value();
    auto executor = ThreadPoolExecutor::create(*loop_, clock_, 2);
    REQUIRE(executor);
    executor_ = std::move(executor).value();
    timers_ = std::make_unique<EventLoopTimers>(*loop_);
    manager_ = std::make_unique<ResourceManager>(clock_, *timers_, *executor_, log_, ManagerOptions{});
    AgentEnvironmentOptions env;
    env.ocf_root = agents_.ocf_root();
    manager_->add_class(std::make_unique<OcfClass>(env));
    manager_->add_class(std::make_unique<LsbClass>(agents_.init_dir(), env));
    static std::atomic<int> counter{0};
    name_ = fmt::format("pacer-lrmd-test-{}-{}", ::getpid(), counter++);
    ServiceOptions options;
    options.name = name_;
    options.policy = [](const ipc::PeerCredentials&) { return Status::ok(); };
    options.log = [](std::string_view) {};
    auto service = LrmdService::start(*loop_, *manager_, options);
    REQUIRE(service);
    service_ = std::move(service).value();
    thread_ = std::thread([this] { (void)loop_->run(); });
  }
  ~Daemon() { stop(); }
  void stop() {
    if (!thread_.joinable()) return;
    loop_->stop();
    thread_.join();
    service_.reset();
    manager_.reset();
    executor_.reset();
  }
  const std::string& name() const { return name_; }
  std::string state_file(const std::string& id) const { return agents_.root() + "/" + id + ".state"; }

 private:
  RealClock clock_;
  testing::TestAgentsDir agents_;
  Logger log_{LogSettings{.entity = "lrmd", .hostname = "pm1", .pid = 1}, clock_};
  std::unique_ptr<ipc::EventLoop> loop_;
  std::unique_ptr<ThreadPoolExecutor> executor_;
  std::unique_ptr<EventLoopTimers> timers_;
  std::unique_ptr<ResourceManager> manager_;
  std::unique_ptr<LrmdService> service_;
  std::string name_;
  std::thread thread_;
};

struct Client {
  RealClock clock;
  std::unique_ptr<ipc::EventLoop> loop;
  std::unique_ptr<LrmdClient> lrmd;
  explicit Client(const std::string& service) {
    auto l = ipc::EventLoop::create(clock);
    REQUIRE(l);
    loop = std::move(l).value();
    auto c = LrmdClient::connect(*loop, service, 5000ms);
    REQUIRE(c);
    lrmd = std::move(c).value();
  }
  int run(const std::string& rsc, const std::string& op) {
    auto call = lrmd->perform({.rsc_id = rsc, .operation = op, .timeout = 5000ms});
    REQUIRE(call);
    auto result = lrmd->wait_for_result(*call, 10000ms);
    REQUIRE(result);
    CHECK(result->op_status == OpStatus::done);
    return result->rc;
  }
};

TEST_CASE("a client registers, runs operations and reads the state back over IPC") {
  Daemon daemon;
  Client client(daemon.name());
  LrmdClient& c = *client.lrmd;
  ResourceSpec spec{"prmDummy", "ocf", "pacertest", "Dummy", {{"state", daemon.state_file("prmDummy")}}};
  REQUIRE(c.register_resource(spec));
  auto got = c.get_resource("prmDummy");
  REQUIRE(got);
  CHECK(got->params == spec.params);
  CHECK(client.run("prmDummy", "monitor") == 7);
  CHECK(client.run("prmDummy", "start") == 0);
  CHECK(client.run("prmDummy", "monitor") == 0);

  auto classes = c.classes();
  REQUIRE(classes);
  CHECK(*classes == std::vector<std::string>{"lsb", "ocf"});
  CHECK(*c.types("ocf") == std::vector<std::string>{"Dummy"});
  CHECK(*c.providers("ocf", "Dummy") == std::vector<std::string>{"pacertest"});
  CHECK(*c.types("lsb") == std::vector<std::string>{"svc"});
  auto meta = c.metadata("ocf", "Dummy", "pacertest");
  REQUIRE(meta);
  CHECK(meta->find("resource-agent name=\"Dummy\"") != std::string::npos);
  CHECK_FALSE(c.metadata("ocf", "NoSuch", "pacertest"));
  REQUIRE(c.set_param("max-children", "8"));
  CHECK(*c.get_param("max-children") == "8");
  CHECK_FALSE(c.set_param("max-children", "0"));
  CHECK_FALSE(c.set_param("nonsense", "1"));

  // A recurring monitor, seen in the state a respawned crmd would read.
  auto call = c.perform({.rsc_id = "prmDummy", .operation = "monitor", .interval = 60000ms});
  REQUIRE(call);
  auto first = c.wait_for_result(*call, 10000ms);
  REQUIRE(first);
  CHECK(first->rc == 0);
  auto state = c.state();
  REQUIRE(state);
  REQUIRE(state->size() == 1);
  REQUIRE(state->at(0).recurring.size() == 1);
  CHECK(state->at(0).recurring[0].call_id == *call);
  CHECK(state->at(0).last_results.size() == 3);  // monitor_0, start_0, monitor_60000
  REQUIRE(c.cancel("prmDummy", *call));
  auto cancelled = c.wait_for_result(*call, 10000ms);
  REQUIRE(cancelled);
  CHECK(cancelled->op_status == OpStatus::cancelled);

  CHECK(client.run("prmDummy", "stop") == 0);
  REQUIRE(c.unregister_resource("prmDummy"));
  CHECK_FALSE(c.get_resource("prmDummy"));
  CHECK_FALSE(c.perform({.rsc_id = "prmDummy", .operation = "start"}));
}

TEST_CASE("the client learns that lrmd is gone") {
  auto daemon = std::make_unique<Daemon>();
  Client client(daemon->name());
  bool lost = false;
  client.lrmd->on_disconnect([&](const Status&) { lost = true; });
  daemon.reset();
  for (int i = 0; i < 50 && !lost; ++i) REQUIRE(client.loop->run_once(100ms));
  CHECK(lost);
  CHECK_FALSE(client.lrmd->connected());
}

}  // namespace
}  // namespace pacer::lrmd
