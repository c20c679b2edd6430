// Tests of Outbox against a fake ring: frames leave whole and in order, what does not fit waits,
// the queue is bounded, and a failed send is reported.
#include "common/ipc/outbox.h"

#include <cerrno>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "common/ipc/fragment.h"
#include "common/ipc/frame.h"

namespace pacer::ipc {
namespace {

constexpr std::size_t kChunk = 512;

// A ring that holds `room` chunks until the reader takes them.
struct FakeRing {
  std::size_t room = 2;
  int fail_with = 0;
  std::vector<std::string> chunks;
  std::size_t read = 0;

  Outbox::SendChunk sender() {
    return [this](std::span<const iovec> iov) -> ssize_t {
      if (fail_with != 0) return -fail_with;
      if (chunks.size() - read >= room) return -EAGAIN;
      std::string chunk;
      for (const iovec& v : iov) chunk.append(static_cast<const char*>(v.iov_base), v.iov_len);
      chunks.push_back(chunk);
      return static_cast<ssize_t>(chunk.size());
    };
  }
  // The client reading everything there is, into whole frames.
  std::vector<std::string> drain(Reassembler& r) {
    std::vector<std::string> frames;
    for (; read < chunks.size(); ++read) {
      auto got = r.feed({reinterpret_cast<const std::byte*>(chunks[read].data()), chunks[read].size()});
      REQUIRE(got);
      if (got->has_value()) frames.emplace_back(reinterpret_cast<const char*>((*got)->data()), (*got)->size());
    }
    return frames;
  }
};

std::string frame_of(std::string type, std::size_t payload) {
  proto::Envelope e;
  e.set_version(kProtocolVersion);
  e.set_type(std::move(type));
  e.set_payload(std::string(payload, 'x'));
  Result<std::string> f = encode_frame(e, 1 << 20);
  REQUIRE(f);
  return *f;
}

std::span<const std::byte> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

}  // namespace

TEST_CASE("a small frame into a ring with room goes at once and nothing is queued", "[ipc][outbox]") {
  FakeRing ring;
  Outbox box(kChunk, 1 << 20);
  const std::string f = frame_of("event", 10);
  REQUIRE(box.send(bytes_of(f), ring.sender()));
  CHECK(box.empty());
  CHECK(ring.chunks == std::vector<std::string>{f});
}

TEST_CASE("frames that do not fit wait, and leave whole and in order as the reader drains", "[ipc][outbox]") {
  FakeRing ring;
  Outbox box(kChunk, 1 << 20);
  Reassembler reader(1 << 20, kChunk);
  const std::string big = frame_of("reply", 4000), small = frame_of("event", 10), big2 = frame_of("reply2", 3000);
  REQUIRE(box.send(bytes_of(big), ring.sender()));
  REQUIRE(box.send(bytes_of(small), ring.sender()));  // queued behind, though the ring may have room
  REQUIRE(box.send(bytes_of(big2), ring.sender()));
  CHECK_FALSE(box.empty());
  std::vector<std::string> received;
  for (int round = 0; round < 100 && !box.empty(); ++round) {
    for (std::string& f : ring.drain(reader)) received.push_back(f);
    Result<bool> pumped = box.pump(ring.sender());
    REQUIRE(pumped);
    CHECK(*pumped);
  }
  for (std::string& f : ring.drain(reader)) received.push_back(f);
  CHECK(box.empty());
  CHECK(box.queued_bytes() == 0);
  CHECK(received == std::vector<std::string>{big, small, big2});
  // A pump with nothing to do, and one against a full ring, make no progress.
  Result<bool> idle = box.pump(ring.sender());
  REQUIRE(idle);
  CHECK_FALSE(*idle);
}

TEST_CASE("a reader that does not read fills the queue up to its bound", "[ipc][outbox]") {
  FakeRing ring;
  ring.room = 0;
  Outbox box(kChunk, 10'000);
  const std::string f = frame_of("event", 3000);
  REQUIRE(box.send(bytes_of(f), ring.sender()));
  REQUIRE(box.send(bytes_of(f), ring.sender()));
  REQUIRE(box.send(bytes_of(f), ring.sender()));
  Status over = box.send(bytes_of(f), ring.sender());
  REQUIRE_FALSE(over);
  CHECK_THAT(over.message(), Catch::Contains("the peer is not reading"));
}

TEST_CASE("a send that fails for another reason than a full ring is an error", "[ipc][outbox]") {
  FakeRing ring;
  ring.fail_with = ENOTCONN;
  Outbox box(kChunk, 1 << 20);
  const std::string f = frame_of("event", 10);
  CHECK_FALSE(box.send(bytes_of(f), ring.sender()));
}

}  // namespace pacer::ipc
