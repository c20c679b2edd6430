// Unit tests of the nft text for sandbox packet loss and of counter parsing.
#include <catch2/catch.hpp>

#include "tests/sandbox/loss_rules.h"

using namespace pacer::sandbox;

TEST_CASE("loss rules become one atomic nft script in a bridge table") {
  std::string s = loss_table_script({{Lan::ic1, "pm1", "pm2", 20}, {Lan::ic2, "", "pm3", 100}});
  CHECK(s.rfind("add table bridge pcrsbx_loss\ndelete table bridge pcrsbx_loss\n", 0) == 0);
  CHECK(s.find("hook forward") != std::string::npos);
  CHECK(s.find("iifname \"e1-pm1\" oifname \"e1-pm2\" numgen random mod 100 < 20 counter drop comment \"eth1:pm1>pm2:20\"") !=
        std::string::npos);
  // 100 % is a plain drop; an empty host is the whole LAN.
  CHECK(s.find("iifname \"e2-*\" oifname \"e2-pm3\" counter drop comment \"eth2:*>pm3:100\"") != std::string::npos);
}

TEST_CASE("drop counters are read back per rule") {
  std::string listing =
      "table bridge pcrsbx_loss {\n"
      "\tchain loss {\n"
      "\t\ttype filter hook forward priority filter; policy accept;\n"
      "\t\tiifname \"e1-pm1\" oifname \"e1-pm2\" numgen random mod 100 < 20 counter packets 41 bytes 2460 drop comment \"eth1:pm1>pm2:20\"\n"
      "\t}\n}\n";
  auto c = parse_loss_counters(listing);
  REQUIRE(c.size() == 1);
  CHECK(c[0].id == "eth1:pm1>pm2:20");
  CHECK(c[0].packets == 41);
  CHECK(c[0].bytes == 2460);
}
