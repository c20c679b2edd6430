// Version triple parsing and the bump rules.
#include "cibd/cib_version.h"

#include <charconv>

#include <fmt/format.h>

#include "cibd/cib_errors.h"

namespace pacer::cib {
namespace {

Result<std::uint64_t> read_counter(XmlNode cib, const char* name) {
  auto text = cib.attribute(name);
  if (!text) return std::uint64_t{0};
  std::uint64_t value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (text->empty() || ec != std::errc() || ptr != end)
    return cib_error(CibErrorKind::invalid_config,
                     fmt::format("cib: {}=\"{}\" is not a non-negative integer", name, *text));
  return value;
}

}  // namespace

std::string CibVersion::to_string() const {
  return fmt::format("{}.{}.{}", admin_epoch, epoch, num_updates);
}

Result<CibVersion> read_version(XmlNode cib) {
  CibVersion version;
  auto admin = read_counter(cib, "admin_epoch");
  if (!admin) return admin.status();
  auto epoch = read_counter(cib, "epoch");
  if (!epoch) return epoch.status();
  auto updates = read_counter(cib, "num_updates");
  if (!updates) return updates.status();
  version.admin_epoch = *admin;
  version.epoch = *epoch;
  version.num_updates = *updates;
  return version;
}

void write_version(XmlNode cib, const CibVersion& version) {
  cib.set_attribute("admin_epoch", std::to_string(version.admin_epoch));
  cib.set_attribute("epoch", std::to_string(version.epoch));
  cib.set_attribute("num_updates", std::to_string(version.num_updates));
}

CibVersion next_version(const CibVersion& current, bool configuration_changed) {
  CibVersion next = current;
  if (configuration_changed) {
    ++next.epoch;
    next.num_updates = 0;
  } else {
    ++next.num_updates;
  }
  return next;
}

}  // namespace pacer::cib
