#include "common/result.h"

#include <catch2/catch.hpp>

using namespace pacer;

TEST_CASE("a Status carries its message and gains context") {
  Status ok;
  CHECK(ok.is_ok());
  Status err = Status::error("deadtime must be larger than 2 * keepalive").with_context("ha.cf:12");
  CHECK_FALSE(err);
  CHECK(err.message() == "ha.cf:12: deadtime must be larger than 2 * keepalive");
  CHECK(ok.with_context("ignored").is_ok());
}

TEST_CASE("a Status from errno names the call and the system's reason") {
  Status s = Status::from_errno("open /etc/ha.d/ha.cf", ENOENT);
  CHECK(s.message() == "open /etc/ha.d/ha.cf: No such file or directory");
  CHECK(s.sys_errno() == ENOENT);
}

TEST_CASE("a Result holds a value or the failure") {
  Result<int> good = 42;
  REQUIRE(good);
  CHECK(*good == 42);
  CHECK(good.status().is_ok());
  Result<int> bad = Status::error("no");
  CHECK_FALSE(bad);
  CHECK(bad.error_message() == "no");
  CHECK(std::move(bad).with_context("parsing").error_message() == "parsing: no");
}

TEST_CASE("a Result built from a success Status is still a failure, never a value") {
  Result<int> r = Status::ok();
  CHECK_FALSE(r);
  CHECK(r.error_message().find("internal error") != std::string::npos);
}
