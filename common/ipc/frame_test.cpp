// Tests of the wire frame: round trip and every way decode_frame refuses input.
#include "common/ipc/frame.h"

#include <cstring>

#include <catch2/catch.hpp>

namespace pacer::ipc {
namespace {

proto::Envelope sample(std::uint32_t version = kProtocolVersion, std::string type = "cib_query") {
  proto::Envelope e;
  e.set_version(version);
  e.set_type(std::move(type));
  e.set_request_id(42);
  e.set_payload(std::string("\0\1payload", 9));
  return e;
}

std::span<const std::byte> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

void set_int32(std::string& frame, std::size_t offset, std::int32_t value) {
  std::memcpy(frame.data() + offset, &value, sizeof value);
}

std::string encoded(const proto::Envelope& e) {
  Result<std::string> frame = encode_frame(e, 1 << 20);
  REQUIRE(frame);
  return *frame;
}

}  // namespace

TEST_CASE("a frame round-trips every envelope field", "[ipc][frame]") {
  proto::Envelope in = sample();
  in.set_reply_as_event(true);
  std::string frame = encoded(in);
  CHECK(frame.size() == kFrameHeaderSize + in.ByteSizeLong());

  Result<proto::Envelope> out = decode_frame(bytes_of(frame));
  REQUIRE(out);
  CHECK(out->version() == kProtocolVersion);
  CHECK(out->type() == "cib_query");
  CHECK(out->request_id() == 42);
  CHECK(out->payload() == in.payload());
  CHECK(out->reply_as_event());
}

TEST_CASE("the header has the layout of libqb's request header", "[ipc][frame]") {
  std::string frame = encoded(sample());
  std::int32_t id, size;
  std::memcpy(&id, frame.data(), 4);
  std::memcpy(&size, frame.data() + 8, 4);
  CHECK(id == kFrameMarker);
  CHECK(size == static_cast<std::int32_t>(frame.size()));
}

TEST_CASE("encode refuses a frame over the limit", "[ipc][frame]") {
  proto::Envelope big = sample();
  big.set_payload(std::string(1000, 'x'));
  Result<std::string> frame = encode_frame(big, 512);
  REQUIRE_FALSE(frame);
  CHECK_THAT(frame.error_message(), Catch::Contains("exceeds the limit of 512"));
}

TEST_CASE("decode refuses what is not a valid frame", "[ipc][frame]") {
  std::string good = encoded(sample());

  SECTION("shorter than a header") {
    Result<proto::Envelope> r = decode_frame(bytes_of(good.substr(0, 10)));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("truncated frame: 10 bytes"));
  }
  SECTION("empty input") {
    CHECK_FALSE(decode_frame({}));
  }
  SECTION("a length smaller than the header") {
    set_int32(good, 8, 3);
    Result<proto::Envelope> r = decode_frame(bytes_of(good));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("bad frame length 3"));
  }
  SECTION("a negative length") {
    set_int32(good, 8, -100);
    CHECK_FALSE(decode_frame(bytes_of(good)));
  }
  SECTION("a declared length over the limit is refused before anything is parsed") {
    // Garbage after the header: the limit must be the reason, not the parse.
    std::string frame = good.substr(0, kFrameHeaderSize) + std::string(100, '\xff');
    set_int32(frame, 8, 1 << 30);
    Result<proto::Envelope> r = decode_frame(bytes_of(frame), 4096);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("exceeds the limit of 4096"));
  }
  SECTION("a real frame over the limit") {
    Result<proto::Envelope> r = decode_frame(bytes_of(good), good.size() - 1);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("exceeds the limit"));
  }
  SECTION("truncated body") {
    Result<proto::Envelope> r = decode_frame(bytes_of(good.substr(0, good.size() - 1)));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("truncated frame: header says"));
  }
  SECTION("trailing bytes") {
    Result<proto::Envelope> r = decode_frame(bytes_of(good + "x"));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("disagrees"));
  }
  SECTION("wrong marker") {
    set_int32(good, 0, 7);
    Result<proto::Envelope> r = decode_frame(bytes_of(good));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("not a pacer frame"));
  }
  SECTION("malformed envelope") {
    std::string frame = good.substr(0, kFrameHeaderSize) + std::string("\xff\xff\xff", 3);
    set_int32(frame, 8, static_cast<std::int32_t>(frame.size()));
    Result<proto::Envelope> r = decode_frame(bytes_of(frame));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("malformed envelope"));
  }
  SECTION("unknown version") {
    Result<proto::Envelope> r = decode_frame(bytes_of(encoded(sample(2))));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("unsupported protocol version 2"));
  }
  SECTION("missing version") {
    CHECK_FALSE(decode_frame(bytes_of(encoded(sample(0)))));
  }
  SECTION("no type") {
    Result<proto::Envelope> r = decode_frame(bytes_of(encoded(sample(kProtocolVersion, ""))));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_message(), Catch::Contains("without a type"));
  }
  SECTION("a type that is not a plain name") {
    for (const std::string& type : {std::string("bad type"), std::string("\xff\xfe"), std::string(65, 'a')}) {
      Result<proto::Envelope> r = decode_frame(bytes_of(encoded(sample(kProtocolVersion, type))));
      REQUIRE_FALSE(r);
      CHECK_THAT(r.error_message(), Catch::Contains("malformed message type"));
    }
  }
}

}  // namespace pacer::ipc
