#include "crmd/election.h"

#include <catch2/catch.hpp>

using namespace pacer::crmd;

TEST_CASE("votes: feature set, then start time, then the lower name") {
  Vote a{"pm1", "3.0.1", 1000, 1}, b{"pm2", "3.0.1", 1000, 1};
  CHECK(compare_votes(a, b) > 0);  // same age: pm1 < pm2
  b.started_ms = 500;
  CHECK(compare_votes(b, a) > 0);  // started earlier wins
  a.feature_set = "3.0.10";
  b.feature_set = "3.0.9";
  CHECK(compare_votes(a, b) > 0);  // newer feature set wins first
  CHECK(compare_versions("3.0.10", "3.0.9") > 0);
  CHECK(compare_versions("3.0", "3.0.0") == 0);
}

TEST_CASE("two candidates: the better one wins once the other concedes") {
  Election e1("pm1"), e2("pm2");
  Vote v1 = e1.start({"pm1", "pm2"}, "3.0.1", 3000);
  Vote v2 = e2.start({"pm1", "pm2"}, "3.0.1", 5000);
  // pm2 hears pm1's older vote: concedes.
  CHECK(e2.on_vote(v1) == Election::Reply::no_vote);
  CHECK(e2.lost());
  // pm1 hears pm2's vote: answers with its own (which would make pm2 concede too).
  CHECK(e1.on_vote(v2) == Election::Reply::our_vote);
  CHECK_FALSE(e1.won());
  e1.on_no_vote("pm2", v1.election_id);
  CHECK(e1.won());
  CHECK_FALSE(e2.won());
}

TEST_CASE("a concession for an older round does not count") {
  Election e("pm1");
  Vote first = e.start({"pm1", "pm2"}, "3.0.1", 100);
  Vote second = e.start({"pm1", "pm2"}, "3.0.1", 200);
  e.on_no_vote("pm2", first.election_id);
  CHECK_FALSE(e.won());
  e.on_no_vote("pm2", second.election_id);
  CHECK(e.won());
}

TEST_CASE("a lone node wins at once; a silent member is waited for until the timeout") {
  Election alone("pm1");
  alone.start({"pm1"}, "3.0.1", 0);
  CHECK(alone.won());
  Election e("pm1");
  e.start({"pm1", "pm2"}, "3.0.1", 0);
  CHECK_FALSE(e.won());
  CHECK(e.won_by_timeout());
  e.member_left("pm2");
  CHECK(e.won());
}

TEST_CASE("a node that is not voting concedes to a challenger") {
  Election e("pm2");
  CHECK(e.on_vote(Vote{"pm1", "3.0.1", 1, 1}) == Election::Reply::no_vote);
  CHECK(e.on_vote(Vote{"pm2", "3.0.1", 1, 1}) == Election::Reply::none);
}
