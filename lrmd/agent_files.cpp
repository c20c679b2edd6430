// File checks with stat(2)/access(2): lrmd runs as root, where access(X_OK) is true for any file
// with one x bit, which is exactly exec(2)'s rule for root.
#include "lrmd/agent_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace pacer::lrmd {

std::optional<ImmediateOutcome> check_agent_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return ImmediateOutcome{rc::not_installed, OpStatus::done,
                            fmt::format("{}: not installed", path)};
  if (::access(path.c_str(), X_OK) != 0)
    return ImmediateOutcome{rc::err_perm, OpStatus::done, fmt::format("{}: not executable", path)};
  return std::nullopt;
}

Result<std::vector<std::string>> list_entries(const std::string& dir, bool files) {
  std::vector<std::string> names;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) return names;
    return Status::error(fmt::format("listing {}: {}", dir, ec.message()));
  }
  for (const auto& entry : it) {
    std::error_code type_ec;
    bool match = files ? entry.is_regular_file(type_ec) : entry.is_directory(type_ec);
    std::string name = entry.path().filename().string();
    // Dot files are helpers (resource-agents' .ocf-shellfuncs links), never agents.
    if (match && !type_ec && name[0] != '.') names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool safe_component(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

}  // namespace pacer::lrmd
