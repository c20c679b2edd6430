// Tests of fragments: a frame larger than a chunk splits and reassembles, and every way a peer can
// get fragments wrong (truncated, duplicated, out of order, oversize, too many at once) is refused.
#include "common/ipc/fragment.h"

#include <cstring>
#include <vector>

#include <catch2/catch.hpp>

#include "common/ipc/frame.h"

namespace pacer::ipc {
namespace {

constexpr std::size_t kChunk = 1024;

std::string big_frame(std::size_t payload_size, std::uint64_t request_id = 7) {
  proto::Envelope e;
  e.set_version(kProtocolVersion);
  e.set_type("cib_query_reply");
  e.set_request_id(request_id);
  std::string payload(payload_size, '\0');
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 131 + 7);
  e.set_payload(payload);
  Result<std::string> frame = encode_frame(e, 1 << 24);
  REQUIRE(frame);
  return *frame;
}

std::span<const std::byte> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

// Every chunk of `frame` as the bytes a receiver gets.
std::vector<std::string> chunks_of(const std::string& frame, std::uint64_t message_id, std::size_t max_chunk = kChunk) {
  std::vector<std::string> out;
  for (FragmentWriter w(bytes_of(frame), max_chunk, message_id); !w.done(); w.advance()) {
    FragmentWriter::Chunk c = w.next();
    std::string chunk(reinterpret_cast<const char*>(c.header.data()), c.header.size());
    chunk.append(reinterpret_cast<const char*>(c.data.data()), c.data.size());
    REQUIRE(chunk.size() <= max_chunk);
    out.push_back(std::move(chunk));
  }
  return out;
}

// Feeds chunks; returns the frames completed, or the first error.
Result<std::vector<std::string>> feed_all(Reassembler& r, const std::vector<std::string>& chunks) {
  std::vector<std::string> done;
  for (const std::string& c : chunks) {
    auto got = r.feed(bytes_of(c));
    if (!got) return got.status();
    if (got->has_value()) done.emplace_back(reinterpret_cast<const char*>((*got)->data()), (*got)->size());
  }
  return done;
}

template <typename T>
void poke(std::string& chunk, std::size_t offset, T value) {
  std::memcpy(chunk.data() + offset, &value, sizeof value);
}

}  // namespace

TEST_CASE("a frame no larger than a chunk goes as it is", "[ipc][fragment]") {
  const std::string frame = big_frame(100);
  std::vector<std::string> chunks = chunks_of(frame, 1);
  REQUIRE(chunks.size() == 1);
  CHECK(chunks[0] == frame);
  Reassembler r(1 << 20, kChunk);
  auto got = r.feed(bytes_of(chunks[0]));
  REQUIRE(got);
  REQUIRE(got->has_value());
  CHECK((*got)->data() == bytes_of(chunks[0]).data());  // no copy
}

TEST_CASE("a frame larger than a chunk round-trips through fragments", "[ipc][fragment]") {
  const std::string frame = big_frame(100'000);
  std::vector<std::string> chunks = chunks_of(frame, 1);
  CHECK(chunks.size() == (frame.size() + kChunk - kFragmentHeaderSize - 1) / (kChunk - kFragmentHeaderSize));
  Reassembler r(1 << 20, kChunk);
  auto done = feed_all(r, chunks);
  REQUIRE(done);
  REQUIRE(done->size() == 1);
  CHECK(done->front() == frame);
  CHECK(r.partial_messages() == 0);
  Result<proto::Envelope> envelope = decode_frame(bytes_of(done->front()), 1 << 20);
  REQUIRE(envelope);
  CHECK(envelope->payload().size() == 100'000);

  SECTION("frames at the edge: a chunk exactly, and one byte more") {
    for (std::size_t payload = kChunk - 100; payload < kChunk; ++payload) {
      const std::string f = big_frame(payload, 8);
      if (f.size() != kChunk && f.size() != kChunk + 1) continue;
      std::vector<std::string> c = chunks_of(f, 2 + payload);
      CHECK(c.size() == (f.size() == kChunk ? 1u : 2u));
      auto again = feed_all(r, c);
      REQUIRE(again);
      REQUIRE(again->size() == 1);
      CHECK(again->front() == f);
    }
  }
}

TEST_CASE("whole frames and fragments of other messages may interleave", "[ipc][fragment]") {
  const std::string a = big_frame(5000, 1), b = big_frame(3000, 2), small = big_frame(10, 3);
  std::vector<std::string> ca = chunks_of(a, 10), cb = chunks_of(b, 11);
  std::vector<std::string> mixed;
  for (std::size_t i = 0; i < std::max(ca.size(), cb.size()); ++i) {
    if (i < ca.size()) mixed.push_back(ca[i]);
    if (i == 1) mixed.push_back(small);
    if (i < cb.size()) mixed.push_back(cb[i]);
  }
  Reassembler r(1 << 20, kChunk);
  auto done = feed_all(r, mixed);
  REQUIRE(done);
  CHECK(*done == std::vector<std::string>{small, b, a});
}

TEST_CASE("bad fragments are refused with a clear error", "[ipc][fragment]") {
  const std::string frame = big_frame(5000);
  std::vector<std::string> chunks = chunks_of(frame, 5);
  REQUIRE(chunks.size() >= 4);
  Reassembler r(1 << 20, kChunk);
  std::vector<std::string> input;
  std::string expected;

  SECTION("truncated: the last fragment missing, the next message starts") {
    input.assign(chunks.begin(), chunks.end() - 1);
    std::vector<std::string> next = chunks_of(big_frame(5000), 6);
    input.push_back(next[0]);
    // Two messages in progress is allowed; the first stays incomplete, so the count is the check.
    Reassembler strict(1 << 20, kChunk, 1);
    auto got = feed_all(strict, input);
    REQUIRE_FALSE(got);
    CHECK_THAT(got.error_message(), Catch::Contains("more than 1 fragmented messages in progress"));
    return;
  }
  SECTION("truncated: a fragment shorter than its share") {
    input = chunks;
    std::string& last = input.back();
    last.resize(last.size() - 1);
    poke<std::int32_t>(last, 8, static_cast<std::int32_t>(last.size()));
    expected = "truncated";
  }
  SECTION("a fragment's length disagrees with what arrived") {
    input = chunks;
    input[1].resize(input[1].size() - 10);
    expected = "disagrees with the";
  }
  SECTION("duplicated fragment") {
    input = {chunks[0], chunks[1], chunks[1]};
    expected = "duplicate fragment 1";
  }
  SECTION("out of order") {
    input = {chunks[0], chunks[2]};
    expected = "fragment 2 while 1 was expected";
  }
  SECTION("a message that starts in the middle") {
    input = {chunks[1]};
    expected = "starts at fragment 1";
  }
  SECTION("a whole message replayed") {
    input = chunks;
    input.push_back(chunks[0]);
    expected = "not in progress";
  }
  SECTION("a declared length over max_frame is refused at the first fragment") {
    input = {chunks[0]};
    poke<std::uint64_t>(input[0], 24, std::uint64_t{1} << 40);
    expected = "exceeds the limit of 1048576 bytes";
  }
  SECTION("a fragment that claims more than a ring holds is refused unread") {
    input = {chunks[0]};
    poke<std::int32_t>(input[0], 8, 1 << 20);
    expected = "exceeds the ring's 1024 bytes";
  }
  SECTION("fragments that disagree on the message's length") {
    input = {chunks[0], chunks[1]};
    poke<std::uint64_t>(input[1], 24, frame.size() + 1);
    expected = "disagrees on the count or length";
  }
  SECTION("more data than declared") {
    input = chunks;
    poke<std::uint64_t>(input[0], 24, frame.size() - 100);
    for (std::string& c : input) poke<std::uint64_t>(c, 24, frame.size() - 100);
    expected = "overruns the declared";
  }
  SECTION("a count of one is not a fragment") {
    input = {chunks[0]};
    poke<std::uint32_t>(input[0], 12, 1);
    expected = "bad fragment count";
  }
  SECTION("neither a frame nor a fragment") {
    input = {chunks[0]};
    poke<std::int32_t>(input[0], 0, 0x12345678);
    expected = "not a pacer frame or fragment";
  }
  auto got = feed_all(r, input);
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error_message(), Catch::Contains(expected));
}

TEST_CASE("only a bounded number of messages may be incomplete at once", "[ipc][fragment]") {
  Reassembler r(1 << 20, kChunk, 2);
  const std::string frame = big_frame(5000);
  REQUIRE(feed_all(r, {chunks_of(frame, 1)[0], chunks_of(frame, 2)[0]}));
  CHECK(r.partial_messages() == 2);
  CHECK(r.buffered() == 2 * (kChunk - kFragmentHeaderSize));
  auto third = feed_all(r, {chunks_of(frame, 3)[0]});
  REQUIRE_FALSE(third);
  CHECK_THAT(third.error_message(), Catch::Contains("more than 2 fragmented messages in progress"));
}

}  // namespace pacer::ipc
