// Validation of a whole CIB against pacer's Pacemaker 1.0 schema (cib_schema.h) plus the checks a
// grammar cannot make on its own: unique ids across the configuration, references that name
// something (rsc, with-rsc, first, then, resource_ref, id-ref), either-or attributes and child
// counts. Every issue names the element, its id and the reason. Pure; no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/xml.h"

namespace pacer::cib {

struct ValidationIssue {
  bool error = true;  // false: a warning (crm_verify prints it, updates are not refused for it)
  std::string element;
  std::string id;     // empty when the element has none
  int line = 0;       // 0 when unknown (elements built in memory)
  std::string reason;

  std::string to_string() const;  // "line 12: rsc_location 'loc1': rsc 'x' does not name a resource"
};

struct ValidationReport {
  std::vector<ValidationIssue> issues;

  bool ok() const { return error_count() == 0; }
  std::size_t error_count() const;
  std::size_t warning_count() const { return issues.size() - error_count(); }
};

ValidationReport validate_cib(const XmlDocument& doc);

// validate_cib as a Status: ok, or an invalid_config error listing the first errors.
Status check_cib(const XmlDocument& doc);

}  // namespace pacer::cib
