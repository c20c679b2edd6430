#include "heartbeatd/node_identity.h"

#include <catch2/catch.hpp>

#include "tests/support/memory_file_system.h"

using namespace pacer;
using namespace pacer::heartbeat;

TEST_CASE("a UUID prints and parses as Heartbeat showed it") {
  UuidBytes u{0x7f, 0x1b, 0x5d, 0xcb, 0x5e, 0x06, 0x4c, 0x1f, 0x9a, 0x5e, 0x0b, 0x0c, 0x7e, 0x1d, 0x2f, 0x3a};
  CHECK(format_uuid(u) == "7f1b5dcb-5e06-4c1f-9a5e-0b0c7e1d2f3a");
  auto back = parse_uuid("7f1b5dcb-5e06-4c1f-9a5e-0b0c7e1d2f3a");
  REQUIRE(back);
  CHECK(*back == u);
  CHECK_FALSE(parse_uuid("7f1b5dcb"));
  CHECK_FALSE(parse_uuid("zz1b5dcb-5e06-4c1f-9a5e-0b0c7e1d2f3a"));
}

TEST_CASE("hb_uuid is made once and read back unchanged") {
  MemoryFileSystem fs;
  IdentityPaths paths;
  auto first = load_or_create_node_uuid(fs, paths, false, "pm1");
  REQUIRE(first);
  CHECK(fs.read_file("/var/lib/pacer/hb_uuid")->size() == 16);
  auto second = load_or_create_node_uuid(fs, paths, false, "pm1");
  CHECK(*second == *first);
  CHECK(*load_or_create_node_uuid(fs, paths, true, "pm1") == "pm1");  // uuidfrom nodename
}

TEST_CASE("a damaged hb_uuid is an error that says what to do") {
  MemoryFileSystem fs;
  REQUIRE(fs.write_file_atomic("/var/lib/pacer/hb_uuid", "short", 0644));
  auto r = load_or_create_node_uuid(fs, IdentityPaths{}, false, "pm1");
  REQUIRE_FALSE(r);
  CHECK(r.error_message().find("expected 16 bytes") != std::string::npos);
}

TEST_CASE("the generation grows at every start") {
  MemoryFileSystem fs;
  CHECK(*next_generation(fs, {}) == 1);
  CHECK(*next_generation(fs, {}) == 2);
  REQUIRE(fs.write_file_atomic("/var/lib/pacer/hb_generation", "junk", 0644));
  CHECK_FALSE(next_generation(fs, {}));
}

TEST_CASE("the hostcache remembers nodes and survives a reload") {
  MemoryFileSystem fs;
  IdentityPaths paths;
  auto cache = HostCache::load(fs, paths);
  REQUIRE(cache);
  CHECK(*cache->remember(fs, paths, "pm1", "uuid-1"));
  CHECK_FALSE(*cache->remember(fs, paths, "pm1", "uuid-1"));
  CHECK(*cache->remember(fs, paths, "pm2", "uuid-2"));
  auto again = HostCache::load(fs, paths);
  REQUIRE(again);
  CHECK(again->uuid_of("pm2") == "uuid-2");
  CHECK(again->name_of("uuid-1") == "pm1");
  REQUIRE(fs.write_file_atomic(paths.hostcache_file(), "pm1\n", 0644));
  auto bad = HostCache::load(fs, paths);
  REQUIRE_FALSE(bad);
  CHECK(bad.error_message() == "/var/lib/pacer/hostcache:1: expected 'name uuid', found 'pm1'");
}
