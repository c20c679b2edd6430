#include "heartbeatd/packet_codec.h"

#include <catch2/catch.hpp>

using namespace pacer;
using namespace pacer::heartbeat;

namespace {
config::AuthKeys keys_from(std::string_view text) {
  auto keys = config::parse_authkeys(text, "authkeys");
  REQUIRE(keys);
  return *keys;
}

proto::hb::Packet keepalive_from(std::string node) {
  proto::hb::Packet p;
  p.set_version(kWireVersion);
  p.set_from_node(std::move(node));
  p.set_generation(3);
  p.set_packet_number(42);
  p.mutable_keepalive()->set_status("active");
  return p;
}

DropReason open_fails(std::string_view bytes, const config::AuthKeys& keys) {
  OpenError error{};
  auto p = open_packet(bytes, keys, error);
  REQUIRE_FALSE(p);
  return error.reason;
}
}  // namespace

TEST_CASE("a sealed packet opens under every method") {
  for (const char* method : {"sha1 secret", "md5 secret", "sha256 secret", "crc"}) {
    INFO(method);
    auto keys = keys_from(fmt::format("auth 1\n1 {}\n", method));
    std::string bytes = seal_packet(keepalive_from("pm1"), keys);
    OpenError error{};
    auto opened = open_packet(bytes, keys, error);
    REQUIRE(opened);
    CHECK(opened->from_node() == "pm1");
    CHECK(opened->packet_number() == 42);
    CHECK(opened->keepalive().status() == "active");
  }
}

TEST_CASE("a receiver accepts any listed key: the key roll-over") {
  auto old_keys = keys_from("auth 2\n1 sha1 new\n2 md5 old\n");
  auto new_keys = keys_from("auth 1\n1 sha1 new\n2 md5 old\n");
  OpenError error{};
  CHECK(open_packet(seal_packet(keepalive_from("pm2"), old_keys), new_keys, error));
}

TEST_CASE("wrong key, unknown key, forgery, truncation and garbage are dropped with a reason") {
  auto keys = keys_from("auth 1\n1 sha1 right\n");
  auto other = keys_from("auth 1\n1 sha1 wrong\n");
  auto key9 = keys_from("auth 9\n9 sha1 right\n");
  std::string good = seal_packet(keepalive_from("pm1"), keys);

  CHECK(open_fails(seal_packet(keepalive_from("pm1"), other), keys) == DropReason::bad_digest);
  CHECK(open_fails(seal_packet(keepalive_from("pm1"), key9), keys) == DropReason::unknown_key);

  // Change the sender inside the signed bytes: the digest no longer matches.
  proto::hb::SignedFrame frame;
  REQUIRE(frame.ParseFromString(good));
  auto forged_packet = keepalive_from("pm9");
  frame.set_packet(forged_packet.SerializeAsString());
  CHECK(open_fails(frame.SerializeAsString(), keys) == DropReason::bad_digest);

  CHECK(open_fails(good.substr(0, good.size() / 2), keys) == DropReason::malformed);
  CHECK(open_fails("\xff\xff\xff garbage", keys) == DropReason::malformed);
  CHECK(open_fails(std::string(kMaxDatagramBytes + 1, 'x'), keys) == DropReason::too_large);
}

TEST_CASE("another wire version is dropped") {
  auto keys = keys_from("auth 1\n1 sha1 s\n");
  auto p = keepalive_from("pm1");
  p.set_version(2);
  CHECK(open_fails(seal_packet(p, keys), keys) == DropReason::bad_version);
}

TEST_CASE("drop counters count by reason") {
  DropCounters c;
  c.add(DropReason::bad_digest);
  c.add(DropReason::bad_digest);
  c.add(DropReason::replayed);
  c.add(DropReason::from_self);  // our own loopback is not a drop worth reporting
  CHECK(c.count(DropReason::bad_digest) == 2);
  CHECK(c.total() == 3);
}
