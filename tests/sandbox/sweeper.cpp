// Finding and removing sandbox leftovers by prefix.
#include "tests/sandbox/sweeper.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "tests/sandbox/command.h"
#include "tests/sandbox/freezer.h"
#include "tests/sandbox/names.h"

namespace pacer::sandbox {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> entries_with_prefix(const fs::path& dir, const std::string& prefix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.starts_with(prefix)) out.push_back(name);
  }
  return out;
}

// (device, backing file) of every loop device.
std::vector<std::pair<std::string, std::string>> loop_devices(ProcessRunner& runner) {
  std::vector<std::pair<std::string, std::string>> out;
  auto list = run_checked(runner, {"losetup", "--list", "--noheadings", "--raw", "--output", "NAME,BACK-FILE"});
  if (!list) return out;
  std::istringstream in(*list);
  std::string dev, file;
  while (in >> dev && std::getline(in, file)) {
    if (!file.empty() && file[0] == ' ') file.erase(0, 1);
    out.emplace_back(dev, file);
  }
  return out;
}

// The path component of a backing file that carries the prefix, if any.
std::string prefixed_component(const std::string& path, const std::string& prefix) {
  for (const auto& part : fs::path(path))
    if (part.string().starts_with(prefix)) return part.string();
  return {};
}

}  // namespace

std::vector<std::string> sweep_stale(ProcessRunner& runner, const fs::path& runs_root) {
  std::vector<std::string> removed;
  const std::string prefix(kNamePrefix);
  for (const auto& name : entries_with_prefix("/run/netns", prefix))
    if (owner_is_gone(name) && run_checked(runner, {"ip", "netns", "del", name}))
      removed.push_back("netns " + name);
  for (const auto& [dev, file] : loop_devices(runner)) {
    std::string part = prefixed_component(file, prefix);
    if (!part.empty() && owner_is_gone(part) && run_checked(runner, {"losetup", "-d", dev}))
      removed.push_back("loop " + dev + " (" + file + ")");
  }
  for (const auto& name : entries_with_prefix(kFreezerRoot, prefix)) {
    if (!owner_is_gone(name)) continue;
    Freezer stale(name);  // its destructor thaws and removes the dir
    removed.push_back("cgroup " + name);
  }
  for (const auto& name : entries_with_prefix(runs_root, prefix)) {
    if (!owner_is_gone(name)) continue;
    std::error_code ec;
    fs::remove_all(runs_root / name, ec);
    removed.push_back("dir " + (runs_root / name).string());
  }
  return removed;
}

std::vector<std::string> leftovers(ProcessRunner& runner, const std::string& prefix, const fs::path& runs_root) {
  std::vector<std::string> out;
  for (const auto& name : entries_with_prefix("/run/netns", prefix)) out.push_back("netns " + name);
  for (const auto& [dev, file] : loop_devices(runner))
    if (!prefixed_component(file, prefix).empty()) out.push_back("loop " + dev + " " + file);
  std::ifstream mounts("/proc/self/mountinfo");
  std::string line;
  while (std::getline(mounts, line))
    if (line.find(prefix) != std::string::npos) out.push_back("mount " + line);
  for (const auto& name : entries_with_prefix(kFreezerRoot, prefix)) out.push_back("cgroup " + name);
  for (const auto& name : entries_with_prefix(runs_root, prefix)) out.push_back("dir " + name);
  return out;
}

}  // namespace pacer::sandbox
