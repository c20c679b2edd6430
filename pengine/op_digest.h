// The op-digest crmd records with every operation: an md5 over a canonical form of the parameters
// the operation ran with. Comparing it with the digest of the current configuration tells the
// scheduler that a resource's definition changed since the operation ran.
//
// The canonical form is the reference's (checked against Pacemaker 2.1.5's digests): the
// parameters as one XML element ` <parameters k="v" .../>\n`, keys sorted, values escaped as XML
// attributes; a recurring operation also includes its `CRM_meta_timeout` (milliseconds).
#pragma once

#include <optional>
#include <string>

#include "pengine/rules.h"

namespace pacer::pengine {

std::string canonical_parameters(const Attributes& params, long long interval_ms,
                                 long long timeout_ms);

// Lower-case hex md5 of canonical_parameters().
std::string op_digest(const Attributes& params, long long interval_ms, long long timeout_ms);

}  // namespace pacer::pengine
