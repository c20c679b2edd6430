// The diff of an applied change, in Pacemaker 1.0's shape, and its application to another copy:
//
//   <diff format="pacer-1">
//     <diff-removed><cib admin_epoch epoch num_updates> ...old values, removed subtrees...</cib>
//     <diff-added><cib admin_epoch epoch num_updates> ...new values, added subtrees...</cib>
//   </diff>
//
// Elements on the way to a change are given by name and id only; the topmost element of a removed
// or added subtree carries __crm_diff_marker__="removed:top" / "added:top". Subscribers (crmd,
// crm_mon, attrd) read it; replication will feed it to apply_diff on the other nodes, which
// refuses a diff meant for another version, so updates are applied in order or not at all.
#pragma once

#include "cibd/cib_edit.h"
#include "cibd/cib_version.h"
#include "common/result.h"
#include "common/xml.h"

namespace pacer::cib {

inline constexpr const char* kDiffMarker = "__crm_diff_marker__";

// The diff of `edit`'s changes (call before commit: removed subtrees are still held there).
XmlDocument make_diff(const CibEdit& edit, const CibVersion& before, const CibVersion& after);

// Applies `diff` to `doc` as one transaction: on any error `doc` is unchanged. The diff's
// "before" version must equal the document's version.
Status apply_diff(XmlDocument& doc, const XmlDocument& diff);
// The same through the caller's journal, which is left uncommitted (the store validates and
// persists before it commits).
Status apply_diff(CibEdit& edit, const XmlDocument& diff);

// The before/after versions a diff names.
Result<CibVersion> diff_version(const XmlDocument& diff, bool after);

}  // namespace pacer::cib
