// The CIB's version triple (admin_epoch, epoch, num_updates) and Pacemaker's rules for it:
//  * a configuration change bumps epoch and resets num_updates to 0;
//  * a status change bumps num_updates;
//  * admin_epoch changes only when an administrator sets it (or erases the CIB);
//  * of two copies, the higher triple (compared in that order) is the newer.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include "common/result.h"
#include "common/xml.h"

namespace pacer::cib {

struct CibVersion {
  std::uint64_t admin_epoch = 0;
  std::uint64_t epoch = 0;
  std::uint64_t num_updates = 0;

  auto operator<=>(const CibVersion&) const = default;
  std::string to_string() const;  // "0.5.12", as Pacemaker logs it
};

// Reads the triple from a <cib> element; a missing attribute counts as 0, a malformed one (not a
// non-negative integer) is an error naming it.
Result<CibVersion> read_version(XmlNode cib);
void write_version(XmlNode cib, const CibVersion& version);

// The version after a change: configuration changes win over status changes.
CibVersion next_version(const CibVersion& current, bool configuration_changed);

}  // namespace pacer::cib
