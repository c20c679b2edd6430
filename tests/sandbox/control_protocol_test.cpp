// Unit tests of the supervisor's control protocol framing.
#include <catch2/catch.hpp>

#include "tests/sandbox/control_protocol.h"

using namespace pacer::sandbox;

TEST_CASE("requests round-trip and are bounded") {
  auto enc = encode_request({"power", "off", "pm1"});
  REQUIRE(enc);
  CHECK(*enc == "power\toff\tpm1\n");
  auto dec = decode_request(*enc);
  REQUIRE(dec);
  REQUIRE(*dec);
  CHECK(**dec == std::vector<std::string>{"power", "off", "pm1"});
  auto partial = decode_request("power\tof");
  REQUIRE(partial);
  CHECK(!*partial);
  CHECK(!encode_request({"a\tb"}));
  CHECK(!decode_request(std::string(kMaxRequestBytes, 'x')));
  CHECK(!decode_request("\n"));
}

TEST_CASE("replies carry ok/err and text") {
  Reply r = decode_reply(encode_reply({true, "hello\n"}));
  CHECK(r.ok);
  CHECK(r.text == "hello\n");
  CHECK(!decode_reply("err\nno host pm9\n").ok);
  CHECK(!decode_reply("").ok);
}
