// The checks crm_verify adds to schema validation: what a valid document can still get wrong,
// as Pacemaker's policy engine would find when it unpacks the configuration — STONITH enabled with
// no STONITH resource, cluster options with values it would ignore — plus warnings for options
// Pacemaker 1.0 deprecated. Reported, never used to refuse an update (cibd did not either).
#pragma once

#include <vector>

#include "cibd/cib_validator.h"
#include "common/xml.h"

namespace pacer::cib {

std::vector<ValidationIssue> check_configuration(const XmlDocument& doc);

}  // namespace pacer::cib
