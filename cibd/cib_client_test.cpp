// The client library against a real CibServer over libqb (server loop in a thread of its own, as a
// blocking request needs someone else to answer), and in CIB_file mode.
#include "cibd/cib_client.h"

#include <qb/qblog.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "cibd/cib_errors.h"
#include "cibd/cib_protocol.h"
#include "cibd/cib_server.h"
#include "cibd/cib_test_util.h"

namespace pacer::cib {
namespace {

std::string unique_service() {
  static std::atomic<int> counter{0};
  return fmt::format("pacer-cib-test-{}-{}", ::getpid(), counter++);
}

class ServerThread {
 public:
  // `submit`: 0 = the store directly; 1 = through set_submit answering at once; 2 = answering
  // later from the loop (as a forward to the master does).
  explicit ServerThread(ipc::PeerPolicy policy = [](const ipc::PeerCredentials&) { return Status::ok(); },
                        int submit = 0)
      : store_(testing::demo_cib()), service_(unique_service()) {
    qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE);
    auto loop = ipc::EventLoop::create(clock_);
    REQUIRE(loop);
    loop_ = std::move(*loop);
    ipc::IpcServerOptions options;
    options.name = service_;
    options.policy = std::move(policy);
    options.log = [](std::string_view) {};
    options.max_frame = kCibMaxFrame;
    auto server = CibServer::start(*loop_, store_, std::move(options));
    REQUIRE(server);
    server_ = std::move(*server);
    if (submit != 0)
      server_->set_submit([this, submit](const CibRequest& r, std::function<void(Result<CibReplyData>)> done) {
        if (submit == 1) return done(store_.apply(r));
        (void)loop_->add_timer(Millis(5), [this, r, done] { done(store_.apply(r)); });
      });
    thread_ = std::thread([this] { (void)loop_->run(); });
  }
  ~ServerThread() {
    loop_->stop();
    thread_.join();
  }
  const std::string& service() const { return service_; }

 private:
  RealClock clock_;
  CibStore store_;
  std::string service_;
  std::unique_ptr<ipc::EventLoop> loop_;
  std::unique_ptr<CibServer> server_;
  std::thread thread_;
};

struct ClientSide {
  RealClock clock;
  std::unique_ptr<ipc::EventLoop> loop;
  ClientSide() { loop = std::move(ipc::EventLoop::create(clock).value()); }
  template <typename Pred>
  bool run_until(Pred done) {
    for (int i = 0; i < 500 && !done(); ++i) REQUIRE(loop->run_once(Millis(10)));
    return done();
  }
};

TEST_CASE("operations over IPC keep their results and failure kinds") {
  int mode = GENERATE(0, 1, 2);
  INFO("submit mode " << mode);
  ServerThread server([](const ipc::PeerCredentials&) { return Status::ok(); }, mode);
  ClientSide side;
  CibClientOptions options;
  options.service = server.service();
  auto client = connect_cib(*side.loop, options);
  REQUIRE(client);
  CibRequest query;
  query.section = "nodes";
  auto r = (*client)->perform(query);
  REQUIRE(r);
  CHECK(r->output == "<nodes/>\n");
  CHECK(r->version == CibVersion{0, 2, 0});

  CibRequest missing;
  missing.xpath = "//primitive[@id='nope']";
  auto m = (*client)->perform(missing);
  REQUIRE_FALSE(m);
  CHECK(cib_error_kind(m.status()) == CibErrorKind::no_such_object);
  CHECK(cib_error_detail(m.status()) == "no element matches '//primitive[@id='nope']'");

  std::vector<CibChange> changes;
  auto seq = (*client)->subscribe([&](const CibChange& c) { changes.push_back(c); });
  REQUIRE(seq);
  CHECK(*seq == 0);
  CibRequest create;
  create.operation = CibOperation::create;
  create.section = "resources";
  create.data = "<primitive id=\"pX\" class=\"lsb\" type=\"x\"/>";
  auto c = (*client)->perform(create);
  REQUIRE(c);
  CHECK(c->version == CibVersion{0, 3, 0});
  REQUIRE(side.run_until([&] { return !changes.empty(); }));
  CHECK(changes[0].sequence == 1);
  CHECK(changes[0].diff.find("pX") != std::string::npos);
  auto again = (*client)->perform(create);
  REQUIRE_FALSE(again);
  CHECK(cib_error_kind(again.status()) == CibErrorKind::invalid_config);
}

TEST_CASE("a CIB far over the IPC layer's default frame size travels whole") {
  ServerThread server;
  ClientSide side;
  CibClientOptions options;
  options.service = server.service();
  auto client = connect_cib(*side.loop, options);
  REQUIRE(client);
  CibRequest create;
  create.operation = CibOperation::create;
  create.section = "resources";
  create.data = "<primitive id=\"big\" class=\"lsb\" type=\"x\" description=\"" +
                std::string(3u << 20, 'x') + "\"/>";
  REQUIRE((*client)->perform(create));
  auto all = (*client)->perform(CibRequest{});
  REQUIRE(all);
  CHECK(all->output.size() > (3u << 20));
}

TEST_CASE("a refused connection is a permission error saying who is admitted") {
  ServerThread server([](const ipc::PeerCredentials&) { return Status::error("not you"); });
  ClientSide side;
  CibClientOptions options;
  options.service = server.service();
  auto client = connect_cib(*side.loop, options);
  REQUIRE_FALSE(client);
  CHECK(cib_error_kind(client.status()) == CibErrorKind::permission);
  CHECK(cib_error_detail(client.status()).find("only root and members of the haclient group") !=
        std::string::npos);
}

TEST_CASE("no daemon is not_connected") {
  ClientSide side;
  CibClientOptions options;
  options.service = "pacer-cib-test-nobody-listens";
  auto client = connect_cib(*side.loop, options);
  REQUIRE_FALSE(client);
  CHECK(cib_error_kind(client.status()) == CibErrorKind::not_connected);
}

TEST_CASE("CIB_file mode applies changes to the file") {
  auto dir = std::filesystem::temp_directory_path() / fmt::format("pacer-cib-file-{}", ::getpid());
  std::filesystem::create_directories(dir);
  std::string path = (dir / "cib.xml").string();
  std::ofstream(path) << testing::read_fixture("osc2011-tokyo-spring-demo.cib.xml");
  ClientSide side;
  CibClientOptions options;
  options.file = path;
  auto client = connect_cib(*side.loop, options);
  REQUIRE(client);
  CHECK((*client)->describe() == fmt::format("file '{}'", path));
  CibRequest modify;
  modify.operation = CibOperation::modify;
  modify.data = "<nvpair id=\"rsc-options-migration-threshold\" value=\"value+=2\"/>";
  REQUIRE((*client)->perform(modify));
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("value=\"3\" id=\"rsc-options-migration-threshold\"") != std::string::npos);
  CHECK(text.rfind("<cib validate-with=\"pacemaker-1.0\" epoch=\"3\"", 0) == 0);
  options.file = (dir / "absent.xml").string();
  CHECK_FALSE(connect_cib(*side.loop, options));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pacer::cib
