// Test helper: a temporary directory tree holding small shell agents (an OCF root and an init.d),
// removed when the object goes. Used by the unit tests only.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace pacer::lrmd::testing {

class TestAgentsDir {
 public:
  TestAgentsDir() {
    char tmpl[] = "/tmp/lrmd-test-XXXXXX";
    root_ = ::mkdtemp(tmpl);
    std::filesystem::create_directories(root_ + "/ocf/resource.d/pacertest");
    std::filesystem::create_directories(root_ + "/init.d");
  }
  ~TestAgentsDir() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TestAgentsDir(const TestAgentsDir&) = delete;
  TestAgentsDir& operator=(const TestAgentsDir&) = delete;

  const std::string& root() const { return root_; }
  std::string ocf_root() const { return root_ + "/ocf"; }
  std::string init_dir() const { return root_ + "/init.d"; }

  // Writes an executable script (mode 0755 unless given).
  std::string write(const std::string& relative, const std::string& text, mode_t mode = 0755) {
    std::string path = root_ + "/" + relative;
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
    return path;
  }
  std::string write_ocf(const std::string& type, const std::string& text, mode_t mode = 0755) {
    return write("ocf/resource.d/pacertest/" + type, text, mode);
  }

 private:
  std::string root_;
};

}  // namespace pacer::lrmd::testing
