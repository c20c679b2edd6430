// Small file-system helpers the agent classes share: is this an agent we can run, and what is in
// an agent directory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "lrmd/resource_class.h"

namespace pacer::lrmd {

// nullopt when `path` is an executable regular file; otherwise the outcome lrmd reports without
// running anything: rc 5 (missing, not a file) or rc 4 (not executable by us).
std::optional<ImmediateOutcome> check_agent_file(const std::string& path);

// Names of the regular files (`files`) or directories (!`files`) in `dir`, sorted, without dot
// files; an absent directory is an empty list.
Result<std::vector<std::string>> list_entries(const std::string& dir, bool files);

// A type or provider name must be one path component: no '/', not "." or "..".
bool safe_component(const std::string& name);

}  // namespace pacer::lrmd
