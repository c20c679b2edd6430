#include "common/file_system.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "tests/support/memory_file_system.h"

using namespace pacer;

namespace {
std::string temp_dir() {
  char pattern[] = "/tmp/pacer-fs-test-XXXXXX";
  return ::mkdtemp(pattern);
}
}  // namespace

TEST_CASE("an atomic write replaces the file and sets its mode") {
  std::string dir = temp_dir();
  RealFileSystem fs;
  std::string path = dir + "/cib.xml";
  REQUIRE(fs.write_file_atomic(path, "<cib/>", 0600));
  REQUIRE(fs.write_file_atomic(path, "<cib epoch=\"2\"/>", 0640));
  CHECK(*fs.read_file(path) == "<cib epoch=\"2\"/>");
  CHECK((fs.stat(path)->mode & 0777) == 0640);
  CHECK(*fs.list_directory(dir) == std::vector<std::string>{"cib.xml"});  // no temp left
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("errors name the path and the reason") {
  RealFileSystem fs;
  auto r = fs.read_file("/nonexistent/pacer/file");
  REQUIRE_FALSE(r);
  CHECK(r.error_message() == "open /nonexistent/pacer/file: No such file or directory");
  CHECK_FALSE(fs.write_file_atomic("/nonexistent/pacer/file", "x", 0600));
}

TEST_CASE("make_directories is mkdir -p") {
  std::string dir = temp_dir();
  RealFileSystem fs;
  REQUIRE(fs.make_directories(dir + "/a/b/c", 0750));
  REQUIRE(fs.make_directories(dir + "/a/b/c", 0750));
  CHECK(fs.stat(dir + "/a/b/c")->is_directory);
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("a writer killed at any moment leaves the old or the new content, never a mix") {
  std::string dir = temp_dir();
  RealFileSystem fs;
  std::string path = dir + "/state";
  const std::string old_content(256 * 1024, 'o');
  const std::string new_content(256 * 1024, 'n');
  REQUIRE(fs.write_file_atomic(path, old_content, 0600));
  // Kill a child that rewrites the file in a loop at staggered moments, then inspect.
  for (int round = 0; round < 20; ++round) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      RealFileSystem child_fs;
      for (int i = 0;; ++i) (void)child_fs.write_file_atomic(path, i % 2 ? old_content : new_content, 0600);
    }
    ::usleep(1000 + round * 1500);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    auto content = fs.read_file(path);
    REQUIRE(content);
    CHECK((*content == old_content || *content == new_content));
  }
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("MemoryFileSystem's injected fault leaves the target untouched") {
  MemoryFileSystem fs;
  REQUIRE(fs.write_file_atomic("/var/lib/pacer/cib.xml", "old", 0600));
  fs.fail_writes_after(0);
  CHECK_FALSE(fs.write_file_atomic("/var/lib/pacer/cib.xml", "new content", 0600));
  CHECK(*fs.read_file("/var/lib/pacer/cib.xml") == "old");
  CHECK(fs.exists("/var/lib/pacer/cib.xml.tmp"));  // the half-written temp a crash leaves
}
