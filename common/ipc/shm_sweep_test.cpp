// Tests of sweep_stale_rings on a scratch directory with a fake process table.
#include "common/ipc/shm_sweep.h"

#include <unistd.h>

#include <fstream>
#include <set>

#include <catch2/catch.hpp>
#include <fmt/format.h>

namespace pacer::ipc {
namespace {

namespace fs = std::filesystem;

struct Scratch {
  fs::path dir = fs::temp_directory_path() / fmt::format("pacer-shm-sweep-{}", ::getpid());
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  // A connection directory as libqb makes it, with the rings of `service` (none: empty).
  void connection(const std::string& name, const std::string& service = "") {
    fs::create_directories(dir / name);
    if (service.empty()) return;
    for (const char* ring : {"request", "response", "event"})
      for (const char* part : {"header", "data"}) std::ofstream(dir / name / fmt::format("qb-{}-{}-{}", ring, service, part));
  }
  bool has(const std::string& name) const { return fs::exists(dir / name); }
};

}  // namespace

TEST_CASE("the sweep removes ring directories of a dead server, and only those", "[ipc][shm]") {
  Scratch s;
  const std::set<pid_t> live{100, 200};
  s.connection("qb-100-101-7-aaaaaa", "pacer-cib");      // live server: kept
  s.connection("qb-300-101-7-bbbbbb", "pacer-cib");      // dead server, live or dead client: removed
  s.connection("qb-301-302-9-cccccc", "pacer-cib");      // both dead: removed
  s.connection("qb-303-200-9-dddddd", "pacer-attrd");    // another service's: kept
  s.connection("qb-304-200-9-eeeeee");                   // empty, server dead: removed
  s.connection("qb-200-201-9-ffffff");                   // empty, server alive (being set up): kept
  s.connection("not-qb-300-1", "pacer-cib");             // not libqb's: kept
  s.connection("qb-x-1-1", "pacer-cib");                 // not a libqb name: kept
  ShmSweepOptions options;
  options.dir = s.dir;
  options.alive = [&](pid_t pid) { return live.count(pid) > 0; };

  SECTION("a daemon at start: any client") {
    CHECK(sweep_stale_rings("pacer-cib", options) == 3);
    CHECK(s.has("qb-100-101-7-aaaaaa"));
    CHECK_FALSE(s.has("qb-300-101-7-bbbbbb"));
    CHECK_FALSE(s.has("qb-301-302-9-cccccc"));
    CHECK(s.has("qb-303-200-9-dddddd"));
    CHECK_FALSE(s.has("qb-304-200-9-eeeeee"));
    CHECK(s.has("qb-200-201-9-ffffff"));
    CHECK(s.has("not-qb-300-1"));
    CHECK(s.has("qb-x-1-1"));
  }
  SECTION("a client after itself: its own directories only") {
    options.client = 101;
    CHECK(sweep_stale_rings("pacer-cib", options) == 1);
    CHECK_FALSE(s.has("qb-300-101-7-bbbbbb"));
    CHECK(s.has("qb-301-302-9-cccccc"));
  }
  SECTION("a service name that is a prefix of another's does not match it") {
    CHECK(sweep_stale_rings("pacer", options) == 1);  // only the empty directory
    CHECK(s.has("qb-300-101-7-bbbbbb"));
  }
}

TEST_CASE("a sweep of a directory that does not exist removes nothing", "[ipc][shm]") {
  ShmSweepOptions options;
  options.dir = "/nonexistent/pacer-shm-sweep";
  CHECK(sweep_stale_rings("pacer-cib", options) == 0);
}

}  // namespace pacer::ipc
