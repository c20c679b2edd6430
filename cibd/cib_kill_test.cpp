// The real-process fault test: 1,000 configuration updates through the client library to a real
// cibd, which is SIGKILLed at random moments and restarted on the same state directory. After each
// restart the CIB must equal the last acknowledged update — or, when the kill landed after the
// update was made durable but before its reply, that update: never anything else, never a
// half-written file.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cibd/cib_client.h"
#include "cibd/cib_document.h"
#include "cibd/cib_errors.h"
#include "cibd/cib_store.h"
#include "common/child_process.h"

namespace pacer::cib {
namespace {

CibRequest update(int i) {
  CibRequest r;
  r.can_create = true;
  switch (i % 3) {
    case 0:
      r.operation = CibOperation::modify;
      r.section = "crm_config";
      r.data = fmt::format("<cluster_property_set id=\"opts\"><nvpair id=\"opts-n{0}\" name=\"n{0}\" "
                           "value=\"{1}\"/></cluster_property_set>", i % 20, i);
      break;
    case 1:
      r.operation = CibOperation::modify;
      r.section = "resources";
      r.data = fmt::format("<primitive id=\"p{}\" class=\"lsb\" type=\"t{}\"/>", i % 40, i);
      break;
    default:
      r.operation = CibOperation::remove;
      r.data = fmt::format("<primitive id=\"p{}\"/>", (i * 7) % 40);
      break;
  }
  return r;
}

std::string configuration_of(const XmlDocument& doc) {
  return serialize_element(*find_section(doc, "configuration"));
}

// libqb's shared-memory rings live in /dev/shm/qb-<server pid>-<client pid>-<n>-XXXXXX/
// directories, one per connection. A cibd killed with SIGKILL cannot unlink them; that is done by
// its client when it lets go of the connection (libqb, and pacer's IpcClient for what libqb misses)
// and by the next cibd of the same service when it starts. This guard asserts that nothing of the
// test's service is left when the test ends (a leftover cibd connection is ~0.23 MB of rings now;
// it was 12 MB, 2.5 GB a run, before the rings were made small), and removes what it finds so that
// a failing run does not fill /dev/shm either.
class ShmLeftoversOf {
 public:
  explicit ShmLeftoversOf(std::string service)
      : marker_("-" + std::move(service) + "-"), our_pid_(fmt::format("-{}-", ::getpid())) {}
  ~ShmLeftoversOf() {
    std::vector<std::string> leftovers;
    std::error_code ec;
    for (const auto& dir : std::filesystem::directory_iterator("/dev/shm", ec)) {
      std::string name = dir.path().filename().string();
      if (!dir.is_directory(ec) || name.rfind("qb-", 0) != 0) continue;
      bool ours = false, empty = true;
      for (const auto& file : std::filesystem::directory_iterator(dir.path(), ec)) {
        empty = false;
        ours = ours || file.path().filename().string().find(marker_) != std::string::npos;
      }
      // A directory of ours whose files are gone is a leftover too, named after the client's pid
      // (this process).
      if (empty && name.find(our_pid_) != std::string::npos) ours = true;
      if (!ours) continue;
      leftovers.push_back(name);
      std::filesystem::remove_all(dir.path(), ec);
    }
    // Not while a failed REQUIRE unwinds: that failure is the one to report.
    if (std::uncaught_exceptions() == 0) {
      INFO("ring directories left in /dev/shm: " << fmt::format("{}", fmt::join(leftovers, " ")));
      CHECK(leftovers.empty());
    }
  }
  ShmLeftoversOf(const ShmLeftoversOf&) = delete;
  ShmLeftoversOf& operator=(const ShmLeftoversOf&) = delete;

 private:
  std::string marker_;
  std::string our_pid_;
};

class Daemon {
 public:
  Daemon(std::string dir, std::string service) : dir_(std::move(dir)), service_(std::move(service)) {}

  void start() {
    SpawnOptions options;
    options.argv = {PACER_CIBD_PATH, "--state-dir", dir_, "--service", service_};
    options.capture_output = false;
    options.parent_death_signal = SIGKILL;
    auto child = ChildProcess::spawn(options);
    REQUIRE(child);
    child_.emplace(std::move(*child));
  }
  void kill_and_reap() {
    (void)child_->signal_group(SIGKILL);
    (void)child_->wait(std::chrono::milliseconds(10000));
    child_.reset();
  }
  pid_t pid() const { return child_->pid(); }

 private:
  std::string dir_;
  std::string service_;
  std::optional<ChildProcess> child_;
};

std::unique_ptr<CibClient> connect_when_ready(ipc::EventLoop& loop, const std::string& service) {
  CibClientOptions options;
  options.service = service;
  // libqb does not always notice the server's death while a request waits for its reply: the wait
  // then lasts the whole timeout. An update takes milliseconds, so a short one keeps the test fast.
  options.timeout = Millis(150);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    auto client = connect_cib(loop, options);
    if (client) return std::move(*client);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // waiting for a process to start
  }
  FAIL("cibd did not come up");
  return nullptr;
}

TEST_CASE("SIGKILL at random points during 1,000 configuration updates loses nothing acknowledged") {
  auto dir = std::filesystem::temp_directory_path() / fmt::format("pacer-cib-kill-{}", ::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string service = fmt::format("pacer-cib-kill-{}", ::getpid());
  ShmLeftoversOf shm_cleanup(service);
  RealClock clock;
  auto loop = std::move(ipc::EventLoop::create(clock).value());

  CibStore model(make_empty_cib());  // what the acknowledged updates made
  std::mt19937 random(20110711);
  std::uniform_int_distribution<int> delay_ms(0, 100);
  Daemon daemon(dir.string(), service);
  int acknowledged = 0, kills = 0, in_flight_survived = 0;
  while (acknowledged < 1000) {
    daemon.start();
    auto client = connect_when_ready(*loop, service);

    // After a restart: the CIB is the model, or the model plus the update that was in flight.
    CibRequest query;
    query.section = "configuration";
    auto current = client->perform(query);
    REQUIRE(current);
    std::string expected = configuration_of(model.document());
    if (current->output != expected) {
      CibStore with_next(model.document().copy());
      REQUIRE(with_next.apply(update(acknowledged + 1)));
      INFO("after kill " << kills << ", " << acknowledged << " acknowledged");
      REQUIRE(current->output == configuration_of(with_next.document()));
      REQUIRE(model.apply(update(acknowledged + 1)));
      ++acknowledged;
      ++in_flight_survived;
    }
    REQUIRE(current->version == model.version());

    std::atomic<bool> stop_killer{false};
    pid_t pid = daemon.pid();
    int delay = delay_ms(random);
    std::thread killer([&stop_killer, pid, delay] {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay);
      while (!stop_killer && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      if (!stop_killer) ::kill(pid, SIGKILL);
    });
    while (acknowledged < 1000) {
      auto r = client->perform(update(acknowledged + 1));
      if (!r) {
        REQUIRE(cib_error_kind(r.status()) == CibErrorKind::not_connected);
        break;  // killed: the update may or may not have been made durable
      }
      REQUIRE(model.apply(update(acknowledged + 1)));
      REQUIRE(r->version == model.version());
      ++acknowledged;
    }
    stop_killer = true;
    killer.join();
    client.reset();
    daemon.kill_and_reap();
    ++kills;
  }
  // One last restart: the final state is all 1,000 updates.
  daemon.start();
  auto client = connect_when_ready(*loop, service);
  CibRequest query;
  query.section = "configuration";
  auto final_state = client->perform(query);
  REQUIRE(final_state);
  CHECK(final_state->output == configuration_of(model.document()));
  daemon.kill_and_reap();
  WARN(fmt::format("{} kills, {} in-flight updates found durable after restart", kills, in_flight_survived));
  CHECK(kills >= 10);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a corrupt cib.xml is kept aside and cibd starts from the newest backup") {
  auto dir = std::filesystem::temp_directory_path() / fmt::format("pacer-cib-corrupt-{}", ::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string service = fmt::format("pacer-cib-corrupt-{}", ::getpid());
  ShmLeftoversOf shm_cleanup(service);
  RealClock clock;
  auto loop = std::move(ipc::EventLoop::create(clock).value());
  Daemon daemon(dir.string(), service);
  daemon.start();
  auto client = connect_when_ready(*loop, service);
  CibStore model(make_empty_cib());
  std::string before_last;
  for (int i = 1; i <= 5; ++i) {
    if (i == 5) before_last = configuration_of(model.document());
    REQUIRE(client->perform(update(3 * i + 1)));  // primitive updates: each changes the configuration
    REQUIRE(model.apply(update(3 * i + 1)));
  }
  client.reset();
  daemon.kill_and_reap();
  // A torn write or a hand edit: the digest no longer matches.
  std::filesystem::path primary = dir / "cib.xml";
  {
    std::fstream f(primary, std::ios::in | std::ios::out);
    f.seekp(40);
    f.put('#');
  }
  daemon.start();
  client = connect_when_ready(*loop, service);
  CibRequest query;
  query.section = "configuration";
  auto current = client->perform(query);
  REQUIRE(current);
  CHECK(current->output == before_last);  // the backup made before the last save
  CHECK(std::filesystem::exists(dir / "cib.xml.corrupt.0"));
  // Updates go on from there and are saved as a new, valid primary.
  REQUIRE(client->perform(update(100)));
  client.reset();
  daemon.kill_and_reap();
  daemon.start();
  client = connect_when_ready(*loop, service);
  auto after = client->perform(query);
  REQUIRE(after);
  CHECK(after->output.find("type=\"t100\"") != std::string::npos);
  // Server first: a client that goes first may leave its rings to a cibd killed before it closed
  // them, which only the next cibd would sweep; a client that outlives the server removes them.
  daemon.kill_and_reap();
  client.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pacer::cib
