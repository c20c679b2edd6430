// OutgoingStream and IncomingStream together: loss, duplication, reordering, fragmentation,
// compression, restarts and back-pressure, driven by hand with no network.
#include <catch2/catch.hpp>
#include <random>

#include "heartbeatd/incoming_stream.h"
#include "heartbeatd/outgoing_stream.h"

using namespace pacer;
using namespace pacer::heartbeat;
using namespace std::chrono_literals;
using Fragments = std::vector<proto::hb::ClusterMessage>;

namespace {
Fragments send(OutgoingStream& out, std::string_view data, std::string to = "") {
  auto f = out.send(to, "crmd", data);
  REQUIRE(f);
  return *f;
}

std::vector<std::string> deliver(IncomingStream& in, uint64_t gen, const Fragments& fragments) {
  std::vector<std::string> got;
  for (const auto& f : fragments)
    for (auto& m : in.receive(gen, f)) got.push_back(m.data);
  return got;
}
}  // namespace

TEST_CASE("messages arrive once and in order, duplicates from a second medium ignored") {
  OutgoingStream out(1, {});
  IncomingStream in("pm1", "pm2", {});
  auto a = send(out, "a");
  auto b = send(out, "b");
  CHECK(deliver(in, 1, a) == std::vector<std::string>{"a"});
  CHECK(deliver(in, 1, a).empty());  // the same packet over eth2
  CHECK(deliver(in, 1, b) == std::vector<std::string>{"b"});
  CHECK(in.delivered_through() == 2);
}

TEST_CASE("a lost fragment is asked for, retransmitted, and the order kept") {
  OutgoingStream out(1, {});
  out.set_live_peers({"pm2"});
  IncomingStream in("pm1", "pm2", {});
  auto m1 = send(out, "one");
  auto m2 = send(out, "two");
  auto m3 = send(out, "three");
  CHECK(deliver(in, 1, m1) == std::vector<std::string>{"one"});
  CHECK(deliver(in, 1, m3).empty());  // m2 lost: m3 waits
  auto requests = in.retransmit_requests(MonoTime{} + 1s);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].first_seq() == 2);
  CHECK(requests[0].last_seq() == 2);
  CHECK(in.retransmit_requests(MonoTime{} + 1s + 100ms).empty());  // rate-limited
  auto again = out.retransmit(requests[0].first_seq(), requests[0].last_seq());
  CHECK(deliver(in, 1, again) == std::vector<std::string>{"two", "three"});
}

TEST_CASE("a lost tail is noticed from the sender's keepalive") {
  OutgoingStream out(1, {});
  out.set_live_peers({"pm2"});
  IncomingStream in("pm1", "pm2", {});
  CHECK(deliver(in, 1, send(out, "x")).size() == 1);
  (void)send(out, "lost");
  (void)in.note_sender_progress(1, out.last_seq(), out.first_kept_seq());
  auto requests = in.retransmit_requests(MonoTime{} + 1s);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].first_seq() == 2);
}

TEST_CASE("a 5 MB message is fragmented, compressed and rebuilt intact") {
  std::string big(5 * 1024 * 1024, '\0');
  std::mt19937 rng(42);
  for (auto& c : big) c = static_cast<char>('a' + rng() % 4);  // compressible but not trivially
  OutgoingStream out(1, {});
  IncomingStream in("pm1", "pm2", {});
  CHECK(deliver(in, 1, send(out, "hello")).size() == 1);  // the receiver has joined the stream
  auto fragments = send(out, big);
  CHECK(fragments.size() > 100);
  CHECK(fragments[0].compressed());
  std::reverse(fragments.begin(), fragments.end() - 1);  // scrambled, first fragment last
  std::rotate(fragments.begin(), fragments.end() - 1, fragments.end());
  auto got = deliver(in, 1, fragments);
  REQUIRE(got.size() == 1);
  CHECK(got[0] == big);
}

TEST_CASE("messages for another node keep their place and are skipped") {
  OutgoingStream out(1, {});
  IncomingStream in("pm1", "pm2", {});
  CHECK(deliver(in, 1, send(out, "to pm3", "pm3")).empty());
  CHECK(deliver(in, 1, send(out, "to pm2", "pm2")) == std::vector<std::string>{"to pm2"});
  CHECK(in.delivered_through() == 2);
}

TEST_CASE("a restarted sender's new generation starts a new stream") {
  OutgoingStream first(1, {});
  IncomingStream in("pm1", "pm2", {});
  (void)deliver(in, 1, send(first, "old"));
  (void)send(first, "lost forever");
  OutgoingStream second(2, {});
  CHECK(deliver(in, 2, send(second, "new")) == std::vector<std::string>{"new"});
  CHECK(deliver(in, 1, send(first, "stale")).empty());
}

TEST_CASE("the history is bounded: back-pressure until peers acknowledge") {
  OutgoingStream out(1, {.fragment_bytes = 10, .history_fragments = 4});
  out.set_live_peers({"pm2", "pm3"});
  (void)send(out, "0123456789");
  (void)send(out, "0123456789");
  (void)send(out, "01234567890123456789");
  CHECK_FALSE(out.has_room_for(1));
  CHECK_FALSE(out.send("", "crmd", "x"));
  out.acknowledge("pm2", 4);
  CHECK_FALSE(out.has_room_for(1));  // pm3 still holds it
  out.acknowledge("pm3", 2);
  CHECK(out.history_size() == 2);
  CHECK(out.has_room_for(10));
  out.forget_node("pm3");  // pm3 died: it will never ask
  CHECK(out.history_size() == 0);
}

TEST_CASE("a compressed bomb is refused, not inflated") {
  std::string zeros(8 * 1024 * 1024, '\0');
  OutgoingStream out(1, {});
  IncomingStream in("pm1", "pm2", {.max_message_bytes = 1024 * 1024});
  CHECK(deliver(in, 1, send(out, zeros)).empty());
  CHECK(in.corrupt_messages() == 1);
}

TEST_CASE("10,000 messages through 5 % loss on two media arrive complete, in order, once") {
  std::mt19937 rng(7);
  std::bernoulli_distribution lost(0.05);
  OutgoingStream out(1, {});
  out.set_live_peers({"pm2"});
  IncomingStream in("pm1", "pm2", {.retransmit_delay = 0ms});
  std::vector<std::string> got;
  auto transmit = [&](const Fragments& fragments) {
    for (const auto& f : fragments)
      for (int medium = 0; medium < 2; ++medium)
        if (!lost(rng))
          for (auto& m : in.receive(1, f)) got.push_back(m.data);
  };
  MonoTime now{};
  for (int i = 0; i < 10000; ++i) {
    transmit(send(out, std::to_string(i)));
    if (i % 50 == 0) {
      (void)in.note_sender_progress(1, out.last_seq(), out.first_kept_seq());
      for (const auto& r : in.retransmit_requests(now += 1ms))
        transmit(out.retransmit(r.first_seq(), r.last_seq()));
      out.acknowledge("pm2", in.delivered_through());
    }
  }
  for (int round = 0; round < 100 && in.delivered_through() < out.last_seq(); ++round) {
    (void)in.note_sender_progress(1, out.last_seq(), out.first_kept_seq());
    for (const auto& r : in.retransmit_requests(now += 1ms))
      transmit(out.retransmit(r.first_seq(), r.last_seq()));
  }
  REQUIRE(got.size() == 10000);
  for (int i = 0; i < 10000; ++i) REQUIRE(got[i] == std::to_string(i));
}

TEST_CASE("messages the sender no longer keeps are skipped, not waited for forever") {
  OutgoingStream out(1, {});
  IncomingStream in("pm1", "pm2", {});
  out.set_live_peers({"pm2"});
  CHECK(deliver(in, 1, send(out, "before")).size() == 1);
  out.forget_node("pm2");  // pm2 was declared dead: pm1 keeps nothing for it
  (void)send(out, "while apart 1");
  (void)send(out, "while apart 2");
  CHECK(out.history_size() == 0);
  out.set_live_peers({"pm2"});
  auto after = send(out, "after");
  CHECK(deliver(in, 1, after).empty());  // waits for 2 and 3...
  auto delivered = in.note_sender_progress(1, out.last_seq(), after.front().seq());
  REQUIRE(delivered.size() == 1);  // ...until the keepalive says they are gone
  CHECK(delivered[0].data == "after");
  CHECK(in.skipped_fragments() == 2);
}
