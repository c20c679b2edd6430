// What stonithd accepts from other nodes.
#include "stonithd/stonithd_protocol.h"

#include <catch2/catch.hpp>

namespace pacer::stonithd {
namespace {

namespace pb = proto::stonithd;

TEST_CASE("peer messages round-trip and are validated") {
  pb::PeerMessage m;
  m.mutable_execute()->set_op_id("pm1:3");
  m.mutable_execute()->set_target("pm2");
  m.mutable_execute()->set_timeout_ms(1000);
  auto back = decode_peer_message(encode_peer_message(m));
  REQUIRE(back);
  CHECK(back->execute().target() == "pm2");

  m.mutable_execute()->set_target("pm2; rm -rf /");
  CHECK_FALSE(decode_peer_message(encode_peer_message(m)));
  m.mutable_execute()->set_target("pm2");
  m.mutable_execute()->set_timeout_ms(0);
  CHECK_FALSE(decode_peer_message(encode_peer_message(m)));
  m.mutable_execute()->set_timeout_ms(1000);
  m.mutable_execute()->set_op_id("nocolon");
  CHECK_FALSE(decode_peer_message(encode_peer_message(m)));

  pb::PeerMessage empty;
  CHECK_FALSE(decode_peer_message(encode_peer_message(empty)));
  pb::PeerMessage old = m;
  old.set_version(7);
  CHECK_FALSE(decode_peer_message(old.SerializeAsString()));
  CHECK_FALSE(decode_peer_message(std::string(kMaxPeerMessage + 1, 'x')));
}

TEST_CASE("node names and op ids") {
  CHECK(validate_node("pm1"));
  CHECK(validate_node("node-1.example_a"));
  CHECK_FALSE(validate_node(""));
  CHECK_FALSE(validate_node("a b"));
  CHECK(validate_op_id("pm1:12"));
  CHECK_FALSE(validate_op_id("pm1:"));
  CHECK_FALSE(validate_op_id("pm1:1x"));
  CHECK_FALSE(validate_op_id(":1"));
  CHECK(*action_from_word("reboot") == FenceAction::reset);
  CHECK(*action_from_word("off") == FenceAction::off);
  CHECK_FALSE(action_from_word("explode"));
}

}  // namespace
}  // namespace pacer::stonithd
