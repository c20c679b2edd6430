// Persistence through MemoryFileSystem: round trip, backups, corrupt primary fallback, and the
// fault test — a write that fails part-way at every possible point loses nothing acknowledged.
#include "cibd/cib_persistence.h"

#include <catch2/catch.hpp>

#include "cibd/cib_digest.h"
#include "cibd/cib_document.h"
#include "cibd/cib_test_util.h"
#include "tests/support/memory_file_system.h"

namespace pacer::cib {
namespace {

const CibPersistenceOptions kOptions{"/var/lib/pacer/cib", 3};

struct Harness {
  MemoryFileSystem fs;
  std::vector<std::string> log;
  CibLog logger() {
    return [this](LogLevel, std::string_view line) { log.emplace_back(line); };
  }
  bool logged(std::string_view part) const {
    for (const auto& line : log)
      if (line.find(part) != std::string::npos) return true;
    return false;
  }
};

CibRequest create_primitive(int n) {
  CibRequest r;
  r.operation = CibOperation::create;
  r.section = "resources";
  r.data = "<primitive id=\"p" + std::to_string(n) + "\" class=\"lsb\" type=\"x\"/>";
  return r;
}

TEST_CASE("nothing on disk starts empty; saves come back on load") {
  Harness h;
  CibPersistence p(h.fs, kOptions, h.logger());
  auto loaded = p.load();
  REQUIRE(loaded);
  CHECK(loaded->source == "empty");
  CibStore store(std::move(loaded->document), &p);
  REQUIRE(store.apply(create_primitive(1)));
  CibRequest status;
  status.operation = CibOperation::modify;
  status.section = "status";
  status.data = "<node_state id=\"n1\"/>";
  status.can_create = true;
  REQUIRE(store.apply(status));
  std::string on_disk = h.fs.read_file("/var/lib/pacer/cib/cib.xml").value();
  CHECK(on_disk.find("<status/>") != std::string::npos);  // status is never written
  CHECK(on_disk.find("node_state") == std::string::npos);
  CHECK(h.fs.read_file("/var/lib/pacer/cib/cib.xml.sig").value() == cib_digest(on_disk));

  CibPersistence again(h.fs, kOptions, h.logger());
  auto reloaded = again.load();
  REQUIRE(reloaded);
  CHECK(reloaded->source == "cib.xml");
  CHECK(persisted_text(reloaded->document) == on_disk);
}

TEST_CASE("backups are bounded and named cib-N.raw") {
  Harness h;
  CibPersistence p(h.fs, kOptions, h.logger());
  CibStore store(std::move(p.load()->document), &p);
  for (int i = 0; i < 6; ++i) REQUIRE(store.apply(create_primitive(i)));
  auto names = h.fs.list_directory("/var/lib/pacer/cib").value();
  std::vector<std::string> raws;
  for (const auto& n : names)
    if (n.ends_with(".raw")) raws.push_back(n);
  CHECK(raws == std::vector<std::string>{"cib-3.raw", "cib-4.raw", "cib-5.raw"});
}

TEST_CASE("a corrupt primary is logged, kept aside, and the newest valid backup loads") {
  Harness h;
  std::string last_good;
  {
    CibPersistence p(h.fs, kOptions, h.logger());
    CibStore store(std::move(p.load()->document), &p);
    for (int i = 0; i < 3; ++i) REQUIRE(store.apply(create_primitive(i)));
    last_good = persisted_text(store.document());
  }
  std::string primary = "/var/lib/pacer/cib/cib.xml";
  std::string text = h.fs.read_file(primary).value();
  text[text.find("p2")] = 'q';  // a hand edit or a torn sector
  REQUIRE(h.fs.write_file_atomic(primary, text, 0600));

  CibPersistence p(h.fs, kOptions, h.logger());
  auto loaded = p.load();
  REQUIRE(loaded);
  CHECK(loaded->source == "cib-2.raw");
  CHECK(h.logged("Checksum of /var/lib/pacer/cib/cib.xml failed!  Configuration contents ignored!"));
  CHECK(h.logged("Primary configuration corrupt or unusable, trying backup..."));
  CHECK(h.fs.exists(primary + ".corrupt.0"));
  CHECK_FALSE(h.fs.exists(primary));
  // The backup holds the configuration before the last save (two primitives, not three).
  CHECK(find_by_id(loaded->document.root(), "primitive", "p1"));
  CHECK_FALSE(find_by_id(loaded->document.root(), "primitive", "p2"));
  (void)last_good;
}

TEST_CASE("with no valid copy anywhere the CIB starts empty") {
  Harness h;
  REQUIRE(h.fs.make_directories("/var/lib/pacer/cib", 0750));
  REQUIRE(h.fs.write_file_atomic("/var/lib/pacer/cib/cib.xml", "<cib><broken", 0600));
  REQUIRE(h.fs.write_file_atomic("/var/lib/pacer/cib/cib-1.raw", "<cib/>", 0600));
  CibPersistence p(h.fs, kOptions, h.logger());
  auto loaded = p.load();
  REQUIRE(loaded);
  CHECK(loaded->source == "empty");
  CHECK(h.logged("Parsing of /var/lib/pacer/cib/cib.xml failed"));
  CHECK(h.logged("does not validate"));
  CHECK(h.logged("Continuing with an empty configuration."));
}

TEST_CASE("fault injection: a crash at any write loses no acknowledged update") {
  // For every point n at which writes start failing, run updates until one fails, then "restart"
  // from what is on disk: the CIB is the last acknowledged one.
  for (int n = 0; n < 40; ++n) {
    Harness h;
    std::string acknowledged;
    {
      CibPersistence p(h.fs, kOptions, h.logger());
      CibStore store(std::move(p.load()->document), &p);
      h.fs.fail_writes_after(n);
      for (int i = 0; i < 20; ++i) {
        std::string before = store.document().serialize();
        auto r = store.apply(create_primitive(i));
        if (!r) {
          CHECK(store.document().serialize() == before);  // rolled back in memory too
          break;
        }
        acknowledged = persisted_text(store.document());
      }
    }
    CibPersistence restarted(h.fs, kOptions, h.logger());
    auto loaded = restarted.load();
    REQUIRE(loaded);
    auto names = h.fs.list_directory("/var/lib/pacer/cib").value();
    for (const auto& name : names)
      CHECK(name.find(".tmp") == std::string::npos);  // a crash's temp files are swept
    INFO("failing after " << n << " writes, loaded " << loaded->source);
    if (acknowledged.empty()) {
      CHECK(loaded->source == "empty");
    } else {
      CHECK(persisted_text(loaded->document) == acknowledged);
    }
  }
}

}  // namespace
}  // namespace pacer::cib
