// hb-test-tool: what the heartbeatd integration tests run inside sandbox nodes.
//
//   send NODE COUNT            COUNT numbered messages to client "hbtest" on NODE
//   send-big NODE BYTES        one message of BYTES pseudo-random bytes
//   recv COUNT TIMEOUT_MS      receive as "hbtest"; prints "received N in_order Y|N duplicates D"
//   recv-big TIMEOUT_MS        prints "size S checksum C" of the first message
//   drops                      heartbeatd's drop counters: "reason count" lines
//   membership                 "instance I quorate Q members a,b"
//   inject KIND IFACE          sends hostile packets on IFACE's medium (port 694):
//                              forged | truncated | wrongkey | replay (captures one real packet first)
//   watch NODE STATUS MS       waits for NODE's status event STATUS; prints the wall clock in ns
//   echo MS                    answers every "ping" message with a "pong" for MS milliseconds
//   ping NODE COUNT            COUNT round trips to NODE's echo; prints median/p99/max in us
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <algorithm>
#include <random>
#include <vector>
#include <string>

#include "common/config/authkeys.h"
#include "common/ipc/event_loop.h"
#include "heartbeatd/client/heartbeat_client.h"
#include "heartbeatd/media_socket.h"
#include "heartbeatd/packet_codec.h"

using namespace pacer;
using namespace std::chrono;

namespace {

std::string pattern(size_t bytes) {
  std::string s(bytes, '\0');
  std::mt19937 rng(12345);
  for (auto& c : s) c = static_cast<char>(rng() % 64 + 32);  // compressible, not trivially so
  return s;
}

uint64_t checksum(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

int fail(const std::string& why) {
  std::fprintf(stderr, "hb-test-tool: %s\n", why.c_str());
  return 2;
}

int inject(const std::string& kind, const std::string& iface) {
  config::Medium medium;
  medium.kind = config::MediumKind::bcast;
  medium.interface = iface;
  medium.port = 694;
  auto sender = heartbeat::open_medium_sender(medium);
  if (!sender) return fail(sender.error_message());
  auto send = [&](const std::string& bytes) {
    ::sendto(sender->socket.get(), bytes.data(), bytes.size(), 0,
             reinterpret_cast<const sockaddr*>(&sender->destination), sizeof sender->destination);
  };
  proto::hb::Packet p;
  p.set_version(heartbeat::kWireVersion);
  p.set_from_node("pm2");
  p.set_generation(999999);
  p.set_packet_number(1);
  p.mutable_keepalive()->set_status("active");
  if (kind == "forged") {
    std::mt19937 rng(7);
    for (int i = 0; i < 20; ++i) {
      std::string junk(200, '\0');
      for (auto& c : junk) c = static_cast<char>(rng());
      send(junk);
    }
  } else if (kind == "wrongkey") {
    auto keys = config::parse_authkeys("auth 1\n1 sha1 not-the-cluster-key\n", "k");
    for (int i = 0; i < 20; ++i) {
      p.set_packet_number(static_cast<uint64_t>(i + 1));
      send(heartbeat::seal_packet(p, *keys));
    }
  } else if (kind == "truncated" || kind == "replay") {
    // Capture a genuine packet from the wire, then send it cut short or again unchanged.
    auto receiver = heartbeat::open_medium_receiver(medium);
    if (!receiver) return fail(receiver.error_message());
    std::string buffer(65536, '\0');
    ssize_t n = ::recv(receiver->get(), buffer.data(), buffer.size(), 0);
    if (n <= 0) return fail("nothing captured");
    buffer.resize(static_cast<size_t>(n));
    for (int i = 0; i < 20; ++i) send(kind == "replay" ? buffer : buffer.substr(0, buffer.size() / 2));
  } else {
    return fail("unknown injection " + kind);
  }
  std::printf("injected 20 %s packets on %s\n", kind.c_str(), iface.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail("usage: see the comment at the top of hb_test_tool.cpp");
  std::string cmd = argv[1];
  if (cmd == "inject" && argc == 4) return inject(argv[2], argv[3]);
  RealClock clock;
  auto loop = ipc::EventLoop::create(clock);
  if (!loop) return fail(loop.error_message());
  auto client = heartbeat::HeartbeatClient::connect(**loop, "hbtest");
  if (!client) return fail(client.error_message());
  auto& hb = **client;

  if (cmd == "send" && argc == 4) {
    int count = std::atoi(argv[3]);
    for (int i = 0; i < count; ++i)
      if (auto s = hb.send(argv[2], "hbtest", std::to_string(i), milliseconds(60000)); !s) return fail(s.message());
    std::printf("sent %d\n", count);
    return 0;
  }
  if (cmd == "send-big" && argc == 4) {
    std::string data = pattern(std::stoul(argv[3]));
    auto start = steady_clock::now();
    if (auto s = hb.send(argv[2], "hbtest", data, milliseconds(60000)); !s) return fail(s.message());
    std::printf("sent %zu bytes checksum %llu in %lld ms\n", data.size(),
                static_cast<unsigned long long>(checksum(data)),
                static_cast<long long>(duration_cast<milliseconds>(steady_clock::now() - start).count()));
    return 0;
  }
  if ((cmd == "recv" && argc == 4) || (cmd == "recv-big" && argc == 3)) {
    bool big = cmd == "recv-big";
    int expected = big ? 1 : std::atoi(argv[2]);
    int timeout = std::atoi(argv[big ? 2 : 3]);
    int received = 0, duplicates = 0;
    bool in_order = true;
    std::string first;
    int next = 0;
    hb.on_message([&](const proto::hbapi::Delivered& m) {
      if (big) {
        if (received++ == 0) first = m.data();
        return;
      }
      int n = std::atoi(m.data().c_str());
      if (n < next) ++duplicates;
      else if (n != next) in_order = false;
      next = std::max(next, n + 1);
      ++received;
    });
    std::printf("ready\n");
    std::fflush(stdout);
    auto deadline = steady_clock::now() + milliseconds(timeout);
    while (received < expected && steady_clock::now() < deadline) (void)(*loop)->run_once(milliseconds(50));
    if (big)
      std::printf("size %zu checksum %llu\n", first.size(), static_cast<unsigned long long>(checksum(first)));
    else
      std::printf("received %d in_order %s duplicates %d\n", received, in_order ? "Y" : "N", duplicates);
    return 0;
  }
  if (cmd == "watch" && argc == 5) {
    std::string node = argv[2], wanted = argv[3];
    bool seen = false;
    long long at = 0;
    hb.on_node_status([&](const proto::hbapi::NodeStatus& s) {
      if (!seen && s.node() == node && s.status() == wanted) {
        seen = true;
        at = duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
      }
    });
    std::printf("ready\n");
    std::fflush(stdout);
    auto deadline = steady_clock::now() + milliseconds(std::atoi(argv[4]));
    while (!seen && steady_clock::now() < deadline) (void)(*loop)->run_once(milliseconds(20));
    if (!seen) return fail("no " + wanted + " event for " + node);
    std::printf("%lld\n", at);
    return 0;
  }
  if (cmd == "echo" && argc == 3) {
    hb.on_message([&](const proto::hbapi::Delivered& m) {
      if (m.data().rfind("ping", 0) == 0) (void)hb.send(m.from_node(), "hbtest", "pong" + m.data().substr(4));
    });
    std::printf("ready\n");
    std::fflush(stdout);
    auto deadline = steady_clock::now() + milliseconds(std::atoi(argv[2]));
    while (steady_clock::now() < deadline) (void)(*loop)->run_once(milliseconds(50));
    return 0;
  }
  if (cmd == "ping" && argc == 4) {
    int count = std::atoi(argv[3]);
    std::vector<long long> rtts;
    std::string awaited;
    bool got = false;
    hb.on_message([&](const proto::hbapi::Delivered& m) { got = got || m.data() == awaited; });
    for (int i = 0; i < count; ++i) {
      awaited = "pong" + std::to_string(i);
      got = false;
      auto start = steady_clock::now();
      if (auto s = hb.send(argv[2], "hbtest", "ping" + std::to_string(i)); !s) return fail(s.message());
      while (!got && steady_clock::now() - start < seconds(5)) (void)(*loop)->run_once(milliseconds(5));
      if (!got) return fail("no pong " + std::to_string(i));
      rtts.push_back(duration_cast<microseconds>(steady_clock::now() - start).count());
    }
    std::sort(rtts.begin(), rtts.end());
    std::printf("rtt_us median %lld p99 %lld max %lld\n", rtts[rtts.size() / 2],
                rtts[rtts.size() * 99 / 100], rtts.back());
    return 0;
  }
  auto status = hb.status();
  if (!status) return fail(status.error_message());
  if (cmd == "drops") {
    for (const auto& d : status->drops()) std::printf("%s %llu\n", d.reason().c_str(),
                                                      static_cast<unsigned long long>(d.count()));
    return 0;
  }
  if (cmd == "membership") {
    std::string members;
    for (const auto& m : status->membership().members()) members += (members.empty() ? "" : ",") + m;
    std::printf("instance %llu quorate %s members %s\n",
                static_cast<unsigned long long>(status->membership().instance()),
                status->membership().quorate() ? "Y" : "N", members.c_str());
    return 0;
  }
  return fail("unknown command " + cmd);
}
