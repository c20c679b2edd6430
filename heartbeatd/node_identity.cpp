#include "heartbeatd/node_identity.h"

#include <fcntl.h>
#include <sys/random.h>

#include <charconv>
#include <sstream>

namespace pacer::heartbeat {

std::string format_uuid(const UuidBytes& u) {
  return fmt::format(
      "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-"
      "{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
      u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
      u[14], u[15]);
}

Result<UuidBytes> parse_uuid(std::string_view text) {
  UuidBytes out{};
  size_t byte = 0;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '-') {
      ++i;
      continue;
    }
    if (byte >= out.size() || i + 2 > text.size())
      return Status::error(fmt::format("'{}' is not a UUID", text));
    auto [ptr, ec] = std::from_chars(text.data() + i, text.data() + i + 2, out[byte], 16);
    if (ec != std::errc() || ptr != text.data() + i + 2)
      return Status::error(fmt::format("'{}' is not a UUID", text));
    ++byte;
    i += 2;
  }
  if (byte != out.size()) return Status::error(fmt::format("'{}' is not a UUID", text));
  return out;
}

UuidBytes random_uuid() {
  UuidBytes u{};
  size_t got = 0;
  while (got < u.size()) {
    ssize_t n = ::getrandom(u.data() + got, u.size() - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
  }
  u[6] = static_cast<uint8_t>((u[6] & 0x0f) | 0x40);  // version 4
  u[8] = static_cast<uint8_t>((u[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return u;
}

Result<std::string> load_or_create_node_uuid(FileSystem& fs, const IdentityPaths& paths,
                                             bool from_nodename, const std::string& node_name) {
  if (from_nodename) return node_name;
  std::string path = paths.uuid_file();
  if (fs.exists(path)) {
    auto content = fs.read_file(path);
    if (!content) return content.status();
    if (content->size() != 16)
      return Status::error(fmt::format("{}: expected 16 bytes, found {}; remove it to make a new "
                                       "UUID (the node then joins as a new node)",
                                       path, content->size()));
    UuidBytes u{};
    std::copy(content->begin(), content->end(), u.begin());
    return format_uuid(u);
  }
  UuidBytes u = random_uuid();
  if (auto s = fs.make_directories(paths.state_dir, 0750); !s) return s;
  if (auto s = fs.write_file_atomic(path, std::string_view(reinterpret_cast<const char*>(u.data()), u.size()), 0644); !s)
    return s;
  return format_uuid(u);
}

Result<uint64_t> next_generation(FileSystem& fs, const IdentityPaths& paths) {
  std::string path = paths.generation_file();
  uint64_t generation = 0;
  if (fs.exists(path)) {
    auto content = fs.read_file(path);
    if (!content) return content.status();
    std::string_view text = *content;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), generation);
    if (ec != std::errc() || ptr != text.data() + text.size())
      return Status::error(fmt::format("{}: not a generation number: '{}'", path, text));
  }
  ++generation;
  if (auto s = fs.make_directories(paths.state_dir, 0750); !s) return s;
  if (auto s = fs.write_file_atomic(path, fmt::format("{}\n", generation), 0644); !s) return s;
  return generation;
}

Result<HostCache> HostCache::load(FileSystem& fs, const IdentityPaths& paths) {
  HostCache cache;
  std::string path = paths.hostcache_file();
  if (!fs.exists(path)) return cache;
  auto content = fs.read_file(path);
  if (!content) return content.status();
  std::istringstream in(*content);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name, uuid, extra;
    if (!(fields >> name >> uuid) || (fields >> extra))
      return Status::error(fmt::format("{}:{}: expected 'name uuid', found '{}'", path, number, line));
    cache.by_name_[name] = uuid;
  }
  return cache;
}

Result<bool> HostCache::remember(FileSystem& fs, const IdentityPaths& paths,
                                 const std::string& name, const std::string& uuid) {
  auto it = by_name_.find(name);
  if (it != by_name_.end() && it->second == uuid) return false;
  by_name_[name] = uuid;
  if (auto s = fs.make_directories(paths.state_dir, 0750); !s) return s;
  if (auto s = fs.write_file_atomic(paths.hostcache_file(), serialize(), 0644); !s) return s;
  return true;
}

std::optional<std::string> HostCache::uuid_of(const std::string& name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> HostCache::name_of(const std::string& uuid) const {
  for (const auto& [name, u] : by_name_)
    if (u == uuid) return name;
  return std::nullopt;
}

std::string HostCache::serialize() const {
  std::string out;
  for (const auto& [name, uuid] : by_name_) out += fmt::format("{}\t{}\n", name, uuid);
  return out;
}

}  // namespace pacer::heartbeat
