// Benchmark: round trip of a small request/response over pacer's IpcServer/IpcClient against a bare
// libqb echo (qb_ipcc_sendv_recv to a qb_ipcs server on libqb's own loop), both servers in child
// processes, both over shared memory, measured in the same run in alternating batches so that
// machine noise hits both alike. Prints medians, means and the ratio pacer/libqb; exits 1 if the
// median ratio exceeds 1.5 (the target of the IPC issue).
//
// Then, for information, large messages: a 1 MiB echo over pacer (64 KiB rings, the message in
// fragments) against bare libqb with rings sized to the message (what pacer did before it
// fragmented), as MB/s both ways.
//
// Usage: ipc_roundtrip_bench [round_trips] [large_round_trips] [ring_kib]   (default 20000, 200, 64)
#include <qb/qbipcc.h>
#include <qb/qbipcs.h>
#include <qb/qblog.h>
#include <qb/qbloop.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "common/ipc/ipc_client.h"
#include "common/ipc/ipc_server.h"
#include "common/ipc/shm_sweep.h"

namespace {

using namespace pacer;
using namespace pacer::ipc;
using Nanos = std::chrono::nanoseconds;

constexpr std::size_t kPayloadSize = 32;
constexpr std::size_t kLargePayload = 1 << 20;
constexpr std::size_t kLargeMaxFrame = 4 << 20;
constexpr double kTarget = 1.5;

// ---- the bare libqb echo server (child process), on libqb's default loop ----

int32_t bare_dispatch_add(enum qb_loop_priority p, int32_t fd, int32_t events, void* data,
                          qb_ipcs_dispatch_fn_t fn) {
  return qb_loop_poll_add(nullptr, p, fd, events, data, fn);  // nullptr: the default loop
}
int32_t bare_dispatch_mod(enum qb_loop_priority p, int32_t fd, int32_t events, void* data,
                          qb_ipcs_dispatch_fn_t fn) {
  return qb_loop_poll_mod(nullptr, p, fd, events, data, fn);
}
int32_t bare_dispatch_del(int32_t fd) { return qb_loop_poll_del(nullptr, fd); }
int32_t bare_job_add(enum qb_loop_priority p, void* data, qb_loop_job_dispatch_fn fn) {
  return qb_loop_job_add(nullptr, p, data, fn);
}
int32_t bare_accept(qb_ipcs_connection_t*, uid_t, gid_t) { return 0; }
int32_t bare_echo(qb_ipcs_connection_t* c, void* data, size_t size) {
  (void)qb_ipcs_response_send(c, data, size);
  return 0;
}

[[noreturn]] void run_bare_server(const std::string& name) {
  qb_loop_t* loop = qb_loop_create();  // becomes libqb's default loop
  qb_ipcs_service_handlers handlers{};
  handlers.connection_accept = bare_accept;
  handlers.msg_process = bare_echo;
  qb_ipcs_service_t* service = qb_ipcs_create(name.c_str(), 0, QB_IPC_SHM, &handlers);
  qb_ipcs_poll_handlers poll{};
  poll.job_add = bare_job_add;
  poll.dispatch_add = bare_dispatch_add;
  poll.dispatch_mod = bare_dispatch_mod;
  poll.dispatch_del = bare_dispatch_del;
  qb_ipcs_poll_handlers_set(service, &poll);
  if (service == nullptr || qb_ipcs_run(service) != 0) _exit(2);
  qb_loop_run(loop);  // until SIGTERM ends the process
  _exit(0);
}

// ---- pacer's echo server (child process) ----

std::size_t ring_size = kDefaultRingSize;  // pacer's rings, set once from the command line

[[noreturn]] void run_pacer_server(const std::string& name) {
  RealClock clock;
  Result<std::unique_ptr<EventLoop>> loop = EventLoop::create(clock);
  if (!loop) _exit(2);
  IpcServerOptions options;
  options.name = name;
  options.policy = [](const PeerCredentials&) { return Status::ok(); };
  options.max_frame = kLargeMaxFrame;
  options.ring_size = ring_size;
  Result<std::unique_ptr<IpcServer>> server = IpcServer::start(**loop, std::move(options));
  if (!server) {
    fmt::print(stderr, "{}\n", server.error_message());
    _exit(2);
  }
  (*server)->handle("echo", [](const IpcRequest& request) -> Result<std::optional<IpcMessage>> {
    return std::optional<IpcMessage>(IpcMessage{"echo_reply", request.message.payload});
  });
  EventLoop& l = **loop;
  (void)l.on_signal(SIGTERM, [&l](const signalfd_siginfo&) { l.stop(); });
  (void)l.run();
  _exit(0);
}

pid_t spawn(void (*server)(const std::string&), const std::string& name) {
  const pid_t pid = ::fork();
  if (pid == 0) server(name);
  return pid;
}

template <typename Connect>
auto connect_with_retry(Connect connect) {
  for (int i = 0; i < 500; ++i) {
    auto c = connect();
    if (c) return c;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return connect();
}

struct Stats {
  double median_ns;
  double mean_ns;
};

Stats summarize(std::vector<Nanos::rep> samples) {
  std::sort(samples.begin(), samples.end());
  const double mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
  return {static_cast<double>(samples[samples.size() / 2]), mean};
}

}  // namespace

int main(int argc, char** argv) {
  const int round_trips = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int large_round_trips = argc > 2 ? std::atoi(argv[2]) : 200;
  if (argc > 3) ring_size = static_cast<std::size_t>(std::atoi(argv[3])) * 1024;
  if (round_trips <= 0 || large_round_trips < 0 || ring_size < kMinChunk) {
    fmt::print(stderr, "usage: {} [round_trips] [large_round_trips] [ring_kib]\n", argv[0]);
    return 2;
  }
  qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE);
  const std::string bare_name = fmt::format("pacer-bench-qb-{}", ::getpid());
  const std::string pacer_name = fmt::format("pacer-bench-ipc-{}", ::getpid());
  const pid_t bare_pid = spawn(run_bare_server, bare_name);
  const pid_t pacer_pid = spawn(run_pacer_server, pacer_name);

  // Clients.
  qb_ipcc_connection_t* bare = connect_with_retry([&] { return qb_ipcc_connect(bare_name.c_str(), kDefaultRingSize); });
  // Rings of the large frame limit, as pacer sized its rings before it fragmented.
  qb_ipcc_connection_t* bare_large =
      connect_with_retry([&] { return qb_ipcc_connect(bare_name.c_str(), kLargeMaxFrame); });
  RealClock clock;
  Result<std::unique_ptr<EventLoop>> loop = EventLoop::create(clock);
  IpcClientOptions client_options;
  client_options.max_frame = kLargeMaxFrame;
  client_options.ring_size = ring_size;
  auto pacer_client = connect_with_retry([&] { return IpcClient::connect(**loop, pacer_name, client_options); });
  int status = 0;
  if (bare == nullptr || bare_large == nullptr || !pacer_client) {
    fmt::print(stderr, "could not connect to the echo servers\n");
    status = 2;
  } else {
    // The bare request: libqb's header + the same payload bytes.
    std::vector<char> request(sizeof(qb_ipc_request_header) + kPayloadSize, 'p');
    auto* header = reinterpret_cast<qb_ipc_request_header*>(request.data());
    header->id = 1;
    header->size = static_cast<int32_t>(request.size());
    std::vector<char> response(kLargeMaxFrame);
    const IpcMessage message{"echo", std::string(kPayloadSize, 'p')};

    auto bare_once = [&] {
      iovec iov{request.data(), request.size()};
      return qb_ipcc_sendv_recv(bare, &iov, 1, response.data(), response.size(), 5000) ==
             static_cast<ssize_t>(request.size());
    };
    auto pacer_once = [&] {
      Result<IpcMessage> reply = (*pacer_client)->request(message, Millis(5000));
      return reply && reply->payload.size() == kPayloadSize;
    };

    std::vector<Nanos::rep> bare_samples, pacer_samples;
    bare_samples.reserve(static_cast<std::size_t>(round_trips));
    pacer_samples.reserve(static_cast<std::size_t>(round_trips));
    auto measure = [](auto& once, int count, std::vector<Nanos::rep>& out) {
      for (int i = 0; i < count; ++i) {
        const auto start = std::chrono::steady_clock::now();
        if (!once()) return false;
        out.push_back(std::chrono::duration_cast<Nanos>(std::chrono::steady_clock::now() - start).count());
      }
      return true;
    };
    // Warm-up, then alternating batches.
    std::vector<Nanos::rep> discard;
    bool ok = measure(bare_once, 1000, discard) && measure(pacer_once, 1000, discard);
    constexpr int kBatches = 20;
    for (int b = 0; ok && b < kBatches; ++b) {
      const int count = round_trips / kBatches + (b < round_trips % kBatches ? 1 : 0);
      ok = measure(bare_once, count, bare_samples) && measure(pacer_once, count, pacer_samples);
    }
    if (!ok) {
      fmt::print(stderr, "a round trip failed\n");
      status = 2;
    } else {
      const Stats q = summarize(bare_samples);
      const Stats p = summarize(pacer_samples);
      const double ratio = p.median_ns / q.median_ns;
      fmt::print("ipc round trip, {} small requests each ({}-byte payload, shared memory)\n", round_trips,
                 kPayloadSize);
      fmt::print("  libqb bare   median {:8.2f} us   mean {:8.2f} us\n", q.median_ns / 1000, q.mean_ns / 1000);
      fmt::print("  pacer ipc    median {:8.2f} us   mean {:8.2f} us\n", p.median_ns / 1000, p.mean_ns / 1000);
      fmt::print("  ratio pacer/libqb: median {:.2f}, mean {:.2f} (target <= {:.1f})\n", ratio,
                 p.mean_ns / q.mean_ns, kTarget);
      if (ratio > kTarget) status = 1;
    }

    // Large messages, for information.
    std::vector<char> large(sizeof(qb_ipc_request_header) + kLargePayload, 'L');
    auto* large_header = reinterpret_cast<qb_ipc_request_header*>(large.data());
    large_header->id = 1;
    large_header->size = static_cast<int32_t>(large.size());
    const IpcMessage large_message{"echo", std::string(kLargePayload, 'L')};
    auto bare_large_once = [&] {
      iovec iov{large.data(), large.size()};
      const ssize_t n = qb_ipcc_sendv_recv(bare_large, &iov, 1, response.data(), response.size(), 5000);
      if (n != static_cast<ssize_t>(large.size())) fmt::print(stderr, "libqb large round trip: {}\n", n);
      return n == static_cast<ssize_t>(large.size());
    };
    auto pacer_large_once = [&] {
      Result<IpcMessage> reply = (*pacer_client)->request(large_message, Millis(5000));
      if (!reply) fmt::print(stderr, "pacer large round trip: {}\n", reply.error_message());
      return reply && reply->payload.size() == kLargePayload;
    };
    std::vector<Nanos::rep> bare_large_samples, pacer_large_samples;
    ok = ok && large_round_trips > 0 && measure(bare_large_once, 5, discard) && measure(pacer_large_once, 5, discard);
    for (int b = 0; ok && b < 10; ++b) {
      const int count = large_round_trips / 10 + (b < large_round_trips % 10 ? 1 : 0);
      ok = measure(bare_large_once, count, bare_large_samples) && measure(pacer_large_once, count, pacer_large_samples);
    }
    if (ok && !bare_large_samples.empty()) {
      const Stats q = summarize(bare_large_samples);
      const Stats p = summarize(pacer_large_samples);
      auto mb_per_s = [](double ns) { return 2.0 * kLargePayload / (ns / 1e9) / 1e6; };  // both ways
      fmt::print("ipc round trip, {} requests of {} KiB each (echoed)\n", large_round_trips, kLargePayload / 1024);
      fmt::print("  libqb bare, 4 MiB rings, whole          median {:8.1f} us  {:7.0f} MB/s\n", q.median_ns / 1000,
                 mb_per_s(q.median_ns));
      fmt::print("  pacer ipc, {} KiB rings, fragments       median {:8.1f} us  {:7.0f} MB/s\n", ring_size / 1024,
                 p.median_ns / 1000, mb_per_s(p.median_ns));
      fmt::print("  ratio pacer/libqb: median {:.2f}\n", p.median_ns / q.median_ns);
    } else if (large_round_trips > 0) {
      fmt::print(stderr, "a large round trip failed\n");
      status = 2;
    }
  }
  pacer_client = Status::error("closed");  // disconnect before the servers go away
  if (bare != nullptr) qb_ipcc_disconnect(bare);
  if (bare_large != nullptr) qb_ipcc_disconnect(bare_large);
  ::kill(bare_pid, SIGTERM);
  ::kill(pacer_pid, SIGTERM);
  ::waitpid(bare_pid, nullptr, 0);
  ::waitpid(pacer_pid, nullptr, 0);
  // SIGTERM ends the servers before they have closed the connections we just left: their rings
  // are for us to remove, as a daemon would at its next start.
  (void)sweep_stale_rings(bare_name);
  (void)sweep_stale_rings(pacer_name);
  return status;
}
