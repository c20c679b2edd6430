// AttrdClient against attrd's real IPC service in one process: the service's loop (AttrdCore with a
// recorded CIB and peers) runs in a thread, the client in the test. Covers update, relay failure as
// an ordinary error, query, refresh, and a malformed request closing only that connection.
#include "attrd/client/attrd_client.h"

#include <qb/qblog.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "attrd/attrd_core.h"
#include "attrd/attrd_service.h"

namespace pacer::attrd {
namespace {

class Daemon {
 public:
  Daemon() {
    qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE);
    auto loop = ipc::EventLoop::create(clock_);
    REQUIRE(loop);
    loop_ = std::move(loop).value();
    timers_ = std::make_unique<LoopTimers>(*loop_);
    core_ = std::make_unique<AttrdCore>(
        NodeIdentity{"pm1", "uuid-1"},
        AttrdSeams{*timers_,
                   [this](const cib::CibRequest& r) {
                     std::lock_guard lock(mu_);
                     cib_.push_back(r);
                     return Status::ok();
                   },
                   [](const std::string& node, const std::string&) {
                     return node == "ghost" ? Status::error("no such node") : Status::ok();
                   },
                   [](LogLevel, std::string_view) {}});
    static std::atomic<int> counter{0};
    name_ = fmt::format("pacer-attrd-test-{}-{}", ::getpid(), counter++);
    ipc::IpcServerOptions options;
    options.name = name_;
    options.policy = [](const ipc::PeerCredentials&) { return Status::ok(); };
    options.log = [](std::string_view) {};
    auto server = ipc::IpcServer::start(*loop_, std::move(options));
    REQUIRE(server);
    server_ = std::move(server).value();
    register_attrd_handlers(*server_, *core_);
    thread_ = std::thread([this] { (void)loop_->run(); });
  }
  ~Daemon() {
    loop_->stop();
    thread_.join();
  }
  const std::string& name() const { return name_; }
  std::vector<cib::CibRequest> cib() {
    std::lock_guard lock(mu_);
    return cib_;
  }

 private:
  RealClock clock_;
  std::unique_ptr<ipc::EventLoop> loop_;
  std::unique_ptr<LoopTimers> timers_;
  std::unique_ptr<AttrdCore> core_;
  std::unique_ptr<ipc::IpcServer> server_;
  std::string name_;
  std::mutex mu_;
  std::vector<cib::CibRequest> cib_;
  std::thread thread_;
};

TEST_CASE("attrd client and service round trip", "[attrd][ipc]") {
  Daemon daemon;
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  REQUIRE(loop);
  auto client = AttrdClient::connect(**loop, daemon.name());
  REQUIRE(client);

  AttributeUpdate u;
  u.name = "test";
  u.value = "3";
  REQUIRE((*client)->update(u));
  CHECK(daemon.cib().size() == 1);
  auto v = (*client)->query("test", "");
  REQUIRE(v);
  CHECK(v->node == "pm1");
  CHECK(v->value == "3");
  auto missing = (*client)->query("other", "");
  REQUIRE(missing);
  CHECK_FALSE(missing->value);

  REQUIRE((*client)->refresh());
  CHECK(daemon.cib().size() == 2);

  AttributeUpdate relay = u;
  relay.node = "ghost";
  Status failed = (*client)->update(relay);
  CHECK_FALSE(failed);
  CHECK(failed.message().find("no such node") != std::string::npos);
  CHECK((*client)->connected());

  // A request that does not validate is a protocol violation: that connection is closed.
  AttributeUpdate bad;
  bad.name = "bad name";
  bad.value = "1";
  CHECK_FALSE((*client)->update(bad, Millis(300)));
  auto other = AttrdClient::connect(**loop, daemon.name());
  REQUIRE(other);
  CHECK((*other)->query("test", "")->value == "3");
}

TEST_CASE("the sender reconnects after attrd went away", "[attrd][ipc]") {
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  REQUIRE(loop);
  std::string name;
  AttributeUpdate u;
  u.name = "x";
  u.value = "1";
  {
    Daemon first;
    name = first.name();
    AttributeSender sender(**loop, name);
    REQUIRE(sender.send(u));
    CHECK(sender.reconnected());
    REQUIRE(sender.send(u));
    CHECK_FALSE(sender.reconnected());
  }
  AttributeSender orphan(**loop, name);
  CHECK_FALSE(orphan.send(u));
}

}  // namespace
}  // namespace pacer::attrd
