// The changing operations — create, modify (merge by id, with value++ expansion), replace, delete,
// erase, bump, upgrade — applied to a live document through a CibEdit journal, so the caller can
// validate the result and roll it back. Version bumping, validation and persistence are the
// store's business (cib_store.h), not these functions'.
#pragma once

#include <optional>

#include "cibd/cib_edit.h"
#include "cibd/cib_request.h"
#include "cibd/cib_version.h"
#include "common/result.h"
#include "common/xml.h"

namespace pacer::cib {

struct Mutation {
  // Set when the operation decides the resulting version itself (a newer whole-CIB replace keeps
  // the version it carries; erase and bump compute theirs). Otherwise the store bumps by the rules.
  std::optional<CibVersion> version;
  bool force_configuration_change = false;  // bump: counts as a configuration change
};

// `data` is the request's parsed XML (nullptr when the operation takes none). On error the edit
// may hold partial changes: the caller rolls back.
Result<Mutation> mutate(CibEdit& edit, const CibRequest& request, const XmlDocument* data);

}  // namespace pacer::cib
