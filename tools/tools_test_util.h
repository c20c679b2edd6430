// Helpers shared by the tools' tests: reading fixtures and golden files, writing golden files
// when PACER_BLESS=1 is set (to re-bless after a deliberate change, then review the diff).
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace pacer::tools::test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline bool blessing() {
  const char* b = std::getenv("PACER_BLESS");
  return b && std::string(b) == "1";
}

// The expected text from `path`, or, when blessing, `actual` written there and returned.
inline std::string golden(const std::string& path, const std::string& actual) {
  if (blessing()) {
    std::ofstream out(path, std::ios::binary);
    out << actual;
    return actual;
  }
  return read_text(path);
}

inline std::string scenario_path(const std::string& name) {
  return std::string(PACER_FIXTURES_DIR) + "/scenarios/" + name + ".xml";
}

inline std::string data_path(const std::string& relative) {
  return std::string(PACER_TOOLS_DATA) + "/" + relative;
}

}  // namespace pacer::tools::test
