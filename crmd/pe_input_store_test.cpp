// pe-input-N.bz2: numbering continues after what is on disk; the content is bzip2 of the CIB.
#include <bzlib.h>

#include <catch2/catch.hpp>

#include "crmd/pe_input_store.h"
#include "tests/support/memory_file_system.h"

using namespace pacer;
using namespace pacer::crmd;

TEST_CASE("pe inputs are numbered after the existing series and are bzip2") {
  MemoryFileSystem memory;
  FileSystem& fs = memory;  // the defaults of the interface
  REQUIRE(fs.make_directories("/var/lib/pacer/pengine").is_ok());
  REQUIRE(fs.write_file_atomic("/var/lib/pacer/pengine/pe-input-7.bz2", "x").is_ok());
  REQUIRE(fs.write_file_atomic("/var/lib/pacer/pengine/pe-input-12.bz2", "x").is_ok());
  REQUIRE(fs.write_file_atomic("/var/lib/pacer/pengine/pe-input-x.bz2", "x").is_ok());
  PeInputStore store(fs, "/var/lib/pacer/pengine");
  CHECK(store.next_index() == 13);
  auto path = store.save("<cib/>");
  REQUIRE(path.is_ok());
  CHECK(*path == "/var/lib/pacer/pengine/pe-input-13.bz2");
  auto data = fs.read_file(*path);
  REQUIRE(data.is_ok());
  char out[64];
  unsigned int size = sizeof out;
  REQUIRE(BZ2_bzBuffToBuffDecompress(out, &size, data->data(), static_cast<unsigned int>(data->size()), 0, 0) == BZ_OK);
  CHECK(std::string(out, size) == "<cib/>");
  CHECK(store.next_index() == 14);
}
