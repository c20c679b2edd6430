// attrd's message validation and Protobuf conversions.
#include "attrd/attrd_protocol.h"

#include <catch2/catch.hpp>

#include "attrd/pacemaker_duration.h"

namespace pacer::attrd {
namespace {

TEST_CASE("names, nodes and values are validated", "[attrd][protocol]") {
  CHECK(validate_name("fail-count-prmPg"));
  CHECK(validate_name("#health"));
  CHECK_FALSE(validate_name(""));
  CHECK_FALSE(validate_name("a b"));
  CHECK_FALSE(validate_name("a'b"));
  CHECK_FALSE(validate_name(std::string(257, 'a')));
  CHECK(validate_node("pm1"));
  CHECK_FALSE(validate_node("pm1/x"));
  CHECK(validate_value(""));
  CHECK(validate_value("value++"));
  CHECK_FALSE(validate_value("a\nb"));
  CHECK_FALSE(validate_value(std::string(4097, 'x')));
}

TEST_CASE("updates round-trip through proto", "[attrd][protocol]") {
  AttributeUpdate u{"test", "pm2", "3", false, Millis(5000), Lifetime::forever};
  auto back = update_from_proto(update_to_proto(u));
  REQUIRE(back);
  CHECK(*back == u);
  AttributeUpdate del{"test", "", std::nullopt, true, std::nullopt, Lifetime::reboot};
  auto back2 = update_from_proto(update_to_proto(del));
  REQUIRE(back2);
  CHECK(*back2 == del);
}

TEST_CASE("bad updates are refused", "[attrd][protocol]") {
  proto::attrd::Update m = update_to_proto({"x", "", "1", false, std::nullopt, Lifetime::reboot});
  m.set_version(2);
  CHECK_FALSE(update_from_proto(m));
  m.set_version(kAttrdProtocolVersion);
  m.set_delete_value(true);
  CHECK_FALSE(update_from_proto(m));
  m.set_delete_value(false);
  m.set_set_value(false);
  CHECK_FALSE(update_from_proto(m));  // changes nothing
  m.set_set_dampen(true);
  m.set_dampen_ms(1000ULL * 3600 * 48);
  CHECK_FALSE(update_from_proto(m));
}

TEST_CASE("peer messages round-trip and reject garbage", "[attrd][protocol]") {
  PeerMessage relay = AttributeUpdate{"fail-count-x", "pm2", "value++", false, std::nullopt, Lifetime::reboot};
  auto r = decode_peer_message(encode_peer_message(relay));
  REQUIRE(r);
  CHECK(*r == relay);
  PeerMessage announce = NodeValue{"pm1", "pm2-eth1", "up"};
  auto a = decode_peer_message(encode_peer_message(announce));
  REQUIRE(a);
  CHECK(*a == announce);
  PeerMessage gone = NodeValue{"pm1", "pm2-eth1", std::nullopt};
  CHECK(*decode_peer_message(encode_peer_message(gone)) == gone);

  CHECK_FALSE(decode_peer_message("\xff\xff\xff"));
  CHECK_FALSE(decode_peer_message(std::string(kMaxPeerMessage + 1, '\0')));
  proto::attrd::PeerMessage empty;
  empty.set_version(kAttrdProtocolVersion);
  CHECK_FALSE(decode_peer_message(empty.SerializeAsString()));
  // A relay must name its owner.
  PeerMessage anonymous = AttributeUpdate{"x", "", "1", false, std::nullopt, Lifetime::reboot};
  CHECK_FALSE(decode_peer_message(encode_peer_message(anonymous)));
}

TEST_CASE("durations in Pacemaker's syntax", "[attrd]") {
  CHECK(parse_duration("5") == Millis(5000));
  CHECK(parse_duration("5s") == Millis(5000));
  CHECK(parse_duration("500ms") == Millis(500));
  CHECK(parse_duration("2min") == Millis(120000));
  CHECK(parse_duration("0") == Millis(0));
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("-1"));
  CHECK_FALSE(parse_duration("5 s"));
  CHECK_FALSE(parse_duration("99999999999999999999"));
}

}  // namespace
}  // namespace pacer::attrd
