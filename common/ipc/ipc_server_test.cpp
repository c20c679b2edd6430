// IpcServer and IpcClient over real libqb connections in one process: the server's loop runs in a
// thread of its own (a blocking request needs someone else to answer), the client's in the test.
// Every wait is for an event with a generous bound, never a sleep.
#include "common/ipc/ipc_client.h"
#include "common/ipc/ipc_server.h"

#include <poll.h>
#include <qb/qblog.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>
#include <fmt/format.h>

namespace pacer::ipc {
namespace {

std::string unique_service_name() {
  static std::atomic<int> counter{0};
  return fmt::format("pacer-test-{}-{}", ::getpid(), counter++);
}

// libqb's own debug chatter would drown the test output.
void quiet_libqb() { qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE); }

// A server running its loop in a thread. Handlers run on that thread.
class ServerThread {
 public:
  explicit ServerThread(PeerPolicy policy = [](const PeerCredentials&) { return Status::ok(); },
                        std::size_t max_frame = kDefaultMaxFrame, std::size_t ring_size = kDefaultRingSize) {
    quiet_libqb();
    Result<std::unique_ptr<EventLoop>> loop = EventLoop::create(clock_);
    REQUIRE(loop);
    loop_ = std::move(loop).value();
    IpcServerOptions options;
    options.name = unique_service_name();
    options.policy = std::move(policy);
    options.max_frame = max_frame;
    options.ring_size = ring_size;
    options.log = [this](std::string_view line) {
      std::lock_guard lock(mutex_);
      log_.emplace_back(line);
    };
    options.on_disconnect = [this](ConnectionId) {
      std::lock_guard lock(mutex_);
      ++disconnects_;
    };
    Result<std::unique_ptr<IpcServer>> server = IpcServer::start(*loop_, std::move(options));
    REQUIRE(server);
    server_ = std::move(server).value();
  }
  ~ServerThread() {
    stop();
    server_.reset();
  }

  // Handlers must be registered before start().
  IpcServer& server() { return *server_; }
  const std::string& name() const { return server_->name(); }
  void start() {
    thread_ = std::thread([this] { (void)loop_->run(); });
  }
  void stop() {
    if (!thread_.joinable()) return;
    loop_->stop();
    thread_.join();
  }
  // Waits (bounded) until the server logged a line containing `text`.
  bool logged(std::string_view text) {
    for (int i = 0; i < 500; ++i) {
      {
        std::lock_guard lock(mutex_);
        for (const std::string& line : log_)
          if (line.find(text) != std::string::npos) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  int disconnects() {
    std::lock_guard lock(mutex_);
    return disconnects_;
  }

 private:
  RealClock clock_;
  std::unique_ptr<EventLoop> loop_;
  std::unique_ptr<IpcServer> server_;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> log_;
  int disconnects_ = 0;
};

struct ClientSide {
  RealClock clock;
  std::unique_ptr<EventLoop> loop;
  std::vector<std::string> log;

  ClientSide() {
    Result<std::unique_ptr<EventLoop>> created = EventLoop::create(clock);
    REQUIRE(created);
    loop = std::move(created).value();
  }
  Result<std::unique_ptr<IpcClient>> connect(const std::string& name, std::size_t max_frame = kDefaultMaxFrame,
                                             std::size_t ring_size = kDefaultRingSize) {
    IpcClientOptions options;
    options.max_frame = max_frame;
    options.ring_size = ring_size;
    options.log = [this](std::string_view line) { log.emplace_back(line); };
    return IpcClient::connect(*loop, name, std::move(options));
  }
  template <typename Pred>
  bool run_until(Pred done) {
    for (int i = 0; i < 500 && !done(); ++i) REQUIRE(loop->run_once(Millis(10)));
    return done();
  }
};

Result<std::optional<IpcMessage>> echo(const IpcRequest& request) {
  return std::optional<IpcMessage>(IpcMessage{"echo_reply", request.message.payload});
}

}  // namespace

TEST_CASE("request and response, with the peer's credentials from the socket", "[ipc][server]") {
  ServerThread server;
  std::promise<PeerCredentials> seen;
  bool first = true;
  server.server().handle("echo", [&](const IpcRequest& request) {
    if (first) seen.set_value(request.peer);
    first = false;
    return echo(request);
  });
  server.start();

  ClientSide side;
  auto client = side.connect(server.name());
  REQUIRE(client);
  for (int i = 0; i < 100; ++i) {
    Result<IpcMessage> reply = (*client)->request({"echo", fmt::format("ping {}", i)}, Millis(5000));
    REQUIRE(reply);
    CHECK(reply->type == "echo_reply");
    CHECK(reply->payload == fmt::format("ping {}", i));
  }
  PeerCredentials peer = seen.get_future().get();
  CHECK(peer.uid == ::geteuid());
  CHECK(peer.gid == ::getegid());
  CHECK(peer.pid == ::getpid());
}

TEST_CASE("server-pushed events reach one client or all of them", "[ipc][server]") {
  ServerThread server;
  server.server().handle("subscribe", [&](const IpcRequest& request) -> Result<std::optional<IpcMessage>> {
    // An event pushed before the reply still arrives, through the client's loop.
    if (Status s = server.server().push(request.connection, {"welcome", "hello"}); !s) return s;
    return std::optional<IpcMessage>(IpcMessage{"subscribed", ""});
  });
  server.server().handle("announce", [&](const IpcRequest& request) -> Result<std::optional<IpcMessage>> {
    const std::size_t reached = server.server().broadcast({"news", request.message.payload});
    return std::optional<IpcMessage>(IpcMessage{"announced", std::to_string(reached)});
  });
  server.start();

  ClientSide side;
  auto a = side.connect(server.name());
  auto b = side.connect(server.name());
  REQUIRE(a);
  REQUIRE(b);
  std::vector<std::string> a_events, b_events;
  (*a)->on_event([&](const IpcMessage& e) { a_events.push_back(e.type + ":" + e.payload); });
  (*b)->on_event([&](const IpcMessage& e) { b_events.push_back(e.type + ":" + e.payload); });

  Result<IpcMessage> reply = (*a)->request({"subscribe", ""}, Millis(5000));
  REQUIRE(reply);
  CHECK(reply->type == "subscribed");
  CHECK(side.run_until([&] { return a_events.size() == 1; }));
  CHECK(a_events == std::vector<std::string>{"welcome:hello"});

  Result<IpcMessage> announced = (*b)->request({"announce", "dc elected"}, Millis(5000));
  REQUIRE(announced);
  CHECK(announced->payload == "2");
  CHECK(side.run_until([&] { return a_events.size() == 2 && b_events.size() == 1; }));
  CHECK(a_events.back() == "news:dc elected");
  CHECK(b_events == std::vector<std::string>{"news:dc elected"});
}

TEST_CASE("an asynchronous request gets its reply through the loop", "[ipc][server]") {
  ServerThread server;
  server.server().handle("echo", echo);
  server.start();

  ClientSide side;
  auto client = side.connect(server.name());
  REQUIRE(client);
  std::vector<std::string> replies;
  for (int i = 0; i < 3; ++i) {
    REQUIRE((*client)->send_async({"echo", std::to_string(i)}, [&](Result<IpcMessage> reply) {
      REQUIRE(reply);
      replies.push_back(reply->payload);
    }));
  }
  CHECK(side.run_until([&] { return replies.size() == 3; }));
  CHECK(replies == std::vector<std::string>{"0", "1", "2"});
}

TEST_CASE("a late reply to a timed-out request is skipped", "[ipc][server]") {
  ServerThread server;
  std::optional<ReplyTo> parked;
  server.server().handle("slow", [&](const IpcRequest& request) -> Result<std::optional<IpcMessage>> {
    parked = request.reply_to;  // answer later
    return std::optional<IpcMessage>();
  });
  server.server().handle("echo", [&](const IpcRequest& request) -> Result<std::optional<IpcMessage>> {
    if (parked) (void)server.server().reply(*parked, {"slow_reply", "late"});
    return echo(request);
  });
  server.start();

  ClientSide side;
  auto client = side.connect(server.name());
  REQUIRE(client);
  Result<IpcMessage> timed_out = (*client)->request({"slow", ""}, Millis(50));
  REQUIRE_FALSE(timed_out);
  CHECK_THAT(timed_out.error_message(), Catch::Contains("no reply to 'slow' within 50 ms"));
  Result<IpcMessage> reply = (*client)->request({"echo", "fresh"}, Millis(5000));
  REQUIRE(reply);
  CHECK(reply->payload == "fresh");
  CHECK((*client)->connected());
}

TEST_CASE("protocol violations close the connection and are logged", "[ipc][server]") {
  ServerThread server;
  server.server().handle("echo", echo);
  server.server().handle("strict", [](const IpcRequest&) -> Result<std::optional<IpcMessage>> {
    return Status::error("not allowed before sign-on");
  });
  server.start();

  ClientSide side;
  auto client = side.connect(server.name());
  REQUIRE(client);
  std::optional<Status> why;
  (*client)->on_disconnect([&](const Status& s) { why = s; });

  SECTION("unknown message type") {
    REQUIRE((*client)->send({"bogus", ""}));
    CHECK(server.logged("unknown message type 'bogus'"));
  }
  SECTION("a handler refusing the request") {
    REQUIRE((*client)->send({"strict", ""}));
    CHECK(server.logged("strict: not allowed before sign-on"));
  }
  CHECK(side.run_until([&] { return why.has_value(); }));
  CHECK_FALSE((*client)->connected());
  CHECK_FALSE((*client)->request({"echo", ""}, Millis(1000)));

  // The service itself goes on.
  auto again = side.connect(server.name());
  REQUIRE(again);
  CHECK((*again)->request({"echo", "still here"}, Millis(5000)));
}

TEST_CASE("an oversized frame is refused before parsing and closes the connection", "[ipc][server]") {
  constexpr std::size_t kMax = 8192;
  ServerThread server([](const PeerCredentials&) { return Status::ok(); }, kMax);
  server.server().handle("echo", echo);
  server.start();

  SECTION("a header that claims more than the limit") {
    // A raw libqb client: the header claims more than the 8 KiB limit and than was sent, either
    // more than the ring holds (refused unread) or less (refused by the frame's limit).
    qb_ipcc_connection_t* raw = qb_ipcc_connect(server.name().c_str(), kMax);
    REQUIRE(raw != nullptr);
    const bool beyond_ring = GENERATE(true, false);
    std::string frame(64, '\0');
    const std::int32_t marker = kFrameMarker, claimed = beyond_ring ? 1 << 20 : 16 * 1024;
    std::memcpy(frame.data(), &marker, 4);
    std::memcpy(frame.data() + 8, &claimed, 4);
    REQUIRE(qb_ipcc_send(raw, frame.data(), frame.size()) == static_cast<ssize_t>(frame.size()));
    CHECK(server.logged(beyond_ring ? "exceeds the ring's" : "exceeds the limit of 8192 bytes"));
    int fd = -1;
    REQUIRE(qb_ipcc_fd_get(raw, &fd) == 0);
    bool down = false;
    for (int i = 0; i < 500 && !down; ++i) {
      pollfd p{fd, POLLIN, 0};
      (void)::poll(&p, 1, 10);
      down = !qb_ipcc_is_connected(raw);
    }
    CHECK(down);
    qb_ipcc_disconnect(raw);
  }
  SECTION("a client that sends more than the server's limit is disconnected") {
    ClientSide side;
    auto client = side.connect(server.name(), 1 << 20);  // its own limit is larger
    REQUIRE(client);
    bool down = false;
    (*client)->on_disconnect([&](const Status&) { down = true; });
    REQUIRE((*client)->send({"echo", std::string(2 * kMax, 'x')}));
    CHECK(server.logged("exceeds the limit of 8192 bytes"));
    CHECK(side.run_until([&] { return down; }));
  }
  SECTION("a fragmented frame over the server's limit is refused at its first fragment") {
    ClientSide side;
    auto client = side.connect(server.name(), 1 << 20);
    REQUIRE(client);
    bool down = false;
    (*client)->on_disconnect([&](const Status&) { down = true; });
    (void)(*client)->send({"echo", std::string(4 * kDefaultRingSize, 'x')});
    CHECK(server.logged("fragmented frame of"));
    CHECK(server.logged("exceeds the limit of 8192 bytes"));
    CHECK(side.run_until([&] { return down; }));
  }
}

namespace {

std::string pattern(std::size_t size, int seed) {
  std::string s(size, '\0');
  for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>((i * 131 + static_cast<std::size_t>(seed)) >> 3);
  return s;
}

}  // namespace

TEST_CASE("messages much larger than the rings travel in fragments, both ways", "[ipc][server][fragment]") {
  constexpr std::size_t kRing = 8192, kMax = 4 << 20;
  ServerThread server([](const PeerCredentials&) { return Status::ok(); }, kMax, kRing);
  server.server().handle("echo", echo);
  server.start();

  ClientSide side;
  auto client = side.connect(server.name(), kMax, kRing);
  REQUIRE(client);
  for (std::size_t size : {std::size_t{10}, kRing - 100, kRing, kRing + 1, std::size_t{1} << 20, kMax - 1024}) {
    const std::string payload = pattern(size, static_cast<int>(size));
    Result<IpcMessage> reply = (*client)->request({"echo", payload}, Millis(20'000));
    REQUIRE(reply);
    CHECK(reply->payload.size() == payload.size());
    CHECK(reply->payload == payload);
  }
  CHECK((*client)->connected());
}

TEST_CASE("large events, asynchronous replies and blocking replies interleave intact", "[ipc][server][fragment]") {
  constexpr std::size_t kRing = 8192, kMax = 1 << 20;
  ServerThread server([](const PeerCredentials&) { return Status::ok(); }, kMax, kRing);
  // Each request pushes events, large and small, before its own reply.
  server.server().handle("echo", [&](const IpcRequest& request) -> Result<std::optional<IpcMessage>> {
    for (int i = 0; i < 3; ++i) {
      std::string body = fmt::format("{}#{}:", request.message.payload.size(), i);
      body += pattern(i == 1 ? 100'000 : 50, i);
      if (Status s = server.server().push(request.connection, {"news", body}); !s) return s;
    }
    return echo(request);
  });
  server.start();

  ClientSide side;
  auto client = side.connect(server.name(), kMax, kRing);
  REQUIRE(client);
  std::vector<std::string> events;
  (*client)->on_event([&](const IpcMessage& e) { events.push_back(e.payload); });
  std::vector<std::string> replies;
  const std::vector<std::size_t> sizes{20'000, 10, 300'000, 5};
  for (std::size_t size : sizes) {
    REQUIRE((*client)->send_async({"echo", pattern(size, 1)}, [&](Result<IpcMessage> reply) {
      REQUIRE(reply);
      replies.push_back(reply->payload);
    }));
  }
  // A blocking request meanwhile: its reply comes on the response ring; the events wait.
  Result<IpcMessage> blocking = (*client)->request({"echo", pattern(200'000, 2)}, Millis(20'000));
  REQUIRE(blocking);
  CHECK(blocking->payload == pattern(200'000, 2));

  CHECK(side.run_until([&] { return replies.size() == sizes.size() && events.size() == 3 * (sizes.size() + 1); }));
  REQUIRE(replies.size() == sizes.size());
  for (std::size_t i = 0; i < sizes.size(); ++i) CHECK(replies[i] == pattern(sizes[i], 1));
  // Events arrive in the order they were pushed, whole.
  std::vector<std::string> expected;
  std::vector<std::size_t> request_sizes = sizes;
  request_sizes.push_back(200'000);
  for (std::size_t size : request_sizes)
    for (int i = 0; i < 3; ++i) expected.push_back(fmt::format("{}#{}:", size, i) + pattern(i == 1 ? 100'000 : 50, i));
  CHECK(events == expected);
  CHECK((*client)->connected());
}

TEST_CASE("a client that never reads its events is disconnected once its queue is full", "[ipc][server][fragment]") {
  constexpr std::size_t kRing = 8192, kMax = 64 * 1024;
  ServerThread server([](const PeerCredentials&) { return Status::ok(); }, kMax, kRing);
  server.server().handle("flood", [&](const IpcRequest& request) -> Result<std::optional<IpcMessage>> {
    std::size_t pushed = 0;
    while (server.server().push(request.connection, {"news", pattern(50'000, 3)})) ++pushed;
    return std::optional<IpcMessage>(IpcMessage{"flooded", std::to_string(pushed)});
  });
  server.start();

  ClientSide side;
  auto client = side.connect(server.name(), kMax, kRing);
  REQUIRE(client);
  (void)(*client)->request({"flood", ""}, Millis(500));
  CHECK(server.logged("the peer is not reading"));
  CHECK(server.disconnects() <= 1);
}

TEST_CASE("a peer the policy refuses cannot connect", "[ipc][server]") {
  // The policy stands in for "this uid is not root and not in haclient": tests run as root.
  ServerThread server([](const PeerCredentials& peer) {
    return Status::error(fmt::format("uid {} not admitted", peer.uid));
  });
  server.server().handle("echo", echo);
  server.start();

  ClientSide side;
  auto client = side.connect(server.name());
  REQUIRE_FALSE(client);
  CHECK(server.logged("refused a connection: uid"));
}

TEST_CASE("the server hears of a client that goes away", "[ipc][server]") {
  ServerThread server;
  server.server().handle("echo", echo);
  server.start();
  {
    ClientSide side;
    auto client = side.connect(server.name());
    REQUIRE(client);
    REQUIRE((*client)->request({"echo", ""}, Millis(5000)));
  }
  bool seen = false;
  for (int i = 0; i < 500 && !seen; ++i) {
    seen = server.disconnects() == 1;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(seen);
}

namespace {

// The directories in /dev/shm holding rings of `service`, or left empty, for this client process.
std::vector<std::string> ring_dirs_of_this_client(const std::string& service) {
  std::vector<std::string> found;
  const std::string mine = fmt::format("-{}-", ::getpid());
  std::error_code ec;
  for (const auto& dir : std::filesystem::directory_iterator("/dev/shm", ec)) {
    const std::string name = dir.path().filename().string();
    if (!name.starts_with("qb-") || name.find(mine) == std::string::npos) continue;
    bool ours = false, empty = true;
    for (const auto& file : std::filesystem::directory_iterator(dir.path(), ec)) {
      empty = false;
      ours = ours || file.path().filename().string().find("-" + service + "-") != std::string::npos;
    }
    if (ours || empty) found.push_back(name);
  }
  return found;
}

}  // namespace

TEST_CASE("a server killed with SIGKILL leaves no rings in /dev/shm behind", "[ipc][server][shm]") {
  quiet_libqb();
  const std::string name = unique_service_name();
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    RealClock clock;
    Result<std::unique_ptr<EventLoop>> loop = EventLoop::create(clock);
    if (!loop) _exit(2);
    IpcServerOptions options;
    options.name = name;
    options.policy = [](const PeerCredentials&) { return Status::ok(); };
    options.log = [](std::string_view) {};
    Result<std::unique_ptr<IpcServer>> server = IpcServer::start(**loop, std::move(options));
    if (!server) _exit(2);
    (*server)->handle("echo", echo);
    (void)(*loop)->run();
    _exit(0);
  }
  ClientSide side;
  Result<std::unique_ptr<IpcClient>> client = Status::error("not yet");
  for (int i = 0; i < 500 && !client; ++i) {
    client = side.connect(name);
    if (!client) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(client);
  REQUIRE((*client)->request({"echo", "hello"}, Millis(5000)));
  CHECK(ring_dirs_of_this_client(name).size() == 1);

  REQUIRE(::kill(child, SIGKILL) == 0);
  REQUIRE(::waitpid(child, nullptr, 0) == child);
  bool down = false;
  (*client)->on_disconnect([&](const Status&) { down = true; });
  SECTION("the client notices and lets go") {
    CHECK(side.run_until([&] { return down; }));
    CHECK(ring_dirs_of_this_client(name).empty());
  }
  SECTION("the client is destroyed without having noticed") {
    client = Status::error("closed");
    CHECK(ring_dirs_of_this_client(name).empty());
  }
  SECTION("a request to the dead server fails, and the client lets go") {
    CHECK_FALSE((*client)->request({"echo", "anyone?"}, Millis(200)));
    client = Status::error("closed");
    CHECK(ring_dirs_of_this_client(name).empty());
  }
}

}  // namespace pacer::ipc
