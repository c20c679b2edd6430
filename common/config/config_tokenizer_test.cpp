// Tests of ha.cf line splitting: separators, comments, line numbers, the rest-of-line view.
#include "common/config/config_tokenizer.h"

#include <catch2/catch.hpp>

using pacer::config::tokenize_config;

TEST_CASE("tokens are separated by space, tab and comma", "[tokenizer]") {
  const auto lines = tokenize_config("node pm1,pm2\tpm3 ,  pm4\r\n");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].number == 1);
  CHECK(lines[0].directive == "node");
  CHECK(lines[0].values == std::vector<std::string_view>{"pm1", "pm2", "pm3", "pm4"});
}

TEST_CASE("a # anywhere starts a comment; blank lines are skipped", "[tokenizer]") {
  const auto lines = tokenize_config("# header\n\n   \nkeepalive 2 # two seconds\n#\nnode pm1#x");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].number == 4);
  CHECK(lines[0].directive == "keepalive");
  CHECK(lines[0].values == std::vector<std::string_view>{"2"});
  CHECK(lines[1].number == 6);
  CHECK(lines[1].values == std::vector<std::string_view>{"pm1"});
}

TEST_CASE("rest keeps the command line as written", "[tokenizer]") {
  const auto lines = tokenize_config("respawn  root /bin/x -a 1,2  # c\n");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rest == "root /bin/x -a 1,2");
}

TEST_CASE("a file without a final newline or with only comments", "[tokenizer]") {
  CHECK(tokenize_config("").empty());
  CHECK(tokenize_config("# only\n").empty());
  CHECK(tokenize_config("debug 1").size() == 1);
}
