// Removing libqb ring directories whose server is gone (see shm_sweep.h).
#include "common/ipc/shm_sweep.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <string_view>
#include <vector>

namespace pacer::ipc {
namespace {

// A zombie counts as gone: it will never use its rings again, and a client typically learns of a
// killed server before the server's parent has reaped it.
bool process_exists(pid_t pid) {
  if (::kill(pid, 0) != 0 && errno == ESRCH) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;  // cannot tell: assume it lives
  const std::size_t paren = line.rfind(')');
  return paren == std::string::npos || paren + 2 >= line.size() || line[paren + 2] != 'Z';
}

// "qb-<server>-<client>-..." -> the two pids.
bool parse_pids(std::string_view name, pid_t& server, pid_t& client) {
  if (!name.starts_with("qb-")) return false;
  name.remove_prefix(3);
  for (pid_t* out : {&server, &client}) {
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), *out);
    if (ec != std::errc() || end == name.data() || *out <= 0) return false;
    name.remove_prefix(static_cast<std::size_t>(end - name.data()));
    if (!name.starts_with("-")) return false;
    name.remove_prefix(1);
  }
  return true;
}

}  // namespace

std::size_t sweep_stale_rings(const std::string& service, const ShmSweepOptions& options) {
  const std::function<bool(pid_t)>& alive = options.alive ? options.alive : process_exists;
  // libqb names the files exactly qb-<ring>-<service>-<part>.
  std::vector<std::string> ring_files;
  for (const char* ring : {"request", "response", "event"})
    for (const char* part : {"header", "data"}) ring_files.push_back("qb-" + std::string(ring) + "-" + service + "-" + part);
  std::size_t removed = 0;
  std::error_code ec;
  // increment(ec), not range-for: directories come and go while we look, which must not throw.
  for (std::filesystem::directory_iterator it(options.dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::filesystem::directory_entry& entry = *it;
    std::error_code entry_ec;
    pid_t server = 0, client = 0;
    if (!parse_pids(entry.path().filename().string(), server, client)) continue;
    if (options.client && client != *options.client) continue;
    if (entry.is_symlink(entry_ec) || !entry.is_directory(entry_ec)) continue;
    bool ours = false, empty = true;
    for (std::filesystem::directory_iterator file(entry.path(), entry_ec), none; !entry_ec && file != none;
         file.increment(entry_ec)) {
      empty = false;
      const std::string name = file->path().filename().string();
      ours = ours || std::find(ring_files.begin(), ring_files.end(), name) != ring_files.end();
    }
    if (entry_ec) continue;
    if (!ours && !empty) continue;  // another service's rings
    if (alive(server)) continue;
    std::filesystem::remove_all(entry.path(), entry_ec);
    if (!entry_ec) ++removed;
  }
  return removed;
}

}  // namespace pacer::ipc
