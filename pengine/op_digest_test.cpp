// op-digest: the digests the reference recorded for the seed's resources must come out again.
#include <catch2/catch.hpp>

#include "pengine/op_digest.h"

using namespace pacer::pengine;

namespace {
const Attributes kPgsql = {{"pgctl", "/usr/pgsql-9.0/bin/pg_ctl"},
                           {"start_opt", "-p 5432 -h 192.168.0.100"},
                           {"psql", "/usr/pgsql-9.0/bin/psql"},
                           {"pgdata", "/var/lib/pgsql/9.0/data"},
                           {"pgdba", "postgres"},
                           {"pgport", "5432"},
                           {"pgdb", "template1"}};
}

TEST_CASE("a start's digest covers the parameters only") {
  CHECK(op_digest(kPgsql, 0, 60000) == "fbecb537b124cc9be991313c64f92a0c");
}

TEST_CASE("a recurring monitor's digest also covers its timeout") {
  CHECK(op_digest(kPgsql, 10000, 60000) == "462cb82c791525dfd76809089fe0f40d");
  CHECK(op_digest(kPgsql, 10000, 30000) != "462cb82c791525dfd76809089fe0f40d");
}

TEST_CASE("the canonical form sorts keys and escapes values") {
  CHECK(canonical_parameters({{"b", "x\"&<"}, {"a", "1"}}, 0, 0) ==
        " <parameters a=\"1\" b=\"x&quot;&amp;&lt;\"/>\n");
}
