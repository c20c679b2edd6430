// Reading name/value sets (instance_attributes, meta_attributes, cluster_property_set) from the CIB.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "common/xml.h"
#include "pengine/rules.h"

namespace pacer::pengine {

// Adds the nvpairs of every `set_name` child of `parent` to `out`; later sets do not override
// earlier values, as in the CIB where the first definition of a name wins.
Status read_nvpair_sets(XmlNode parent, std::string_view set_name, Attributes& out);

// "true", "on", "yes", "y", "1" (any case) are true.
bool is_true(std::string_view text);

// "<tag id="X"> (line N)", for error messages.
std::string describe(XmlNode element);

// Milliseconds from "10s", "10", "1min", "500ms", "1h"; errors on anything else.
Result<long long> parse_interval_ms(std::string_view text);

}  // namespace pacer::pengine
