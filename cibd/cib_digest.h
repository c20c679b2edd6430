// The digest kept beside cib.xml in cib.xml.sig: the MD5 of the file's bytes in lower-case hex,
// as Pacemaker 1.0 kept it. It detects a torn or hand-edited file, not an attacker.
#pragma once

#include <string>
#include <string_view>

namespace pacer::cib {

std::string cib_digest(std::string_view text);

}  // namespace pacer::cib
