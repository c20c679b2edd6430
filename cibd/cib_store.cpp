// The update pipeline: mutate through the journal, bump, validate, diff, save, commit, notify.
#include "cibd/cib_store.h"

#include <fmt/format.h>

#include "cibd/cib_diff.h"
#include "cibd/cib_document.h"
#include "cibd/cib_edit.h"
#include "cibd/cib_errors.h"
#include "cibd/cib_operations.h"
#include "cibd/cib_query.h"
#include "cibd/cib_validator.h"

namespace pacer::cib {
namespace {

struct ChangeScope {
  bool configuration = false;  // anything outside status and the root's own attributes
  bool root_attributes = false;
};

ChangeScope classify(const CibEdit& edit) {
  ChangeScope scope;
  xmlNodePtr root = edit.document().root().get();
  for (const auto& step : edit.steps()) {
    if (step.kind == CibEdit::StepKind::replace_root) {
      scope.configuration = true;
      continue;
    }
    // A removed element is detached: where it was is what counts.
    xmlNodePtr where = step.kind == CibEdit::StepKind::remove ? step.parent : step.node;
    if (where == root) {
      // The version counters are set on every change, and a replicated diff sets the root's
      // other attributes again as they were: neither makes a change one that needs the whole
      // CIB validated.
      bool attribute_step = step.kind == CibEdit::StepKind::set_attribute ||
                            step.kind == CibEdit::StepKind::remove_attribute;
      bool version_counter = step.name == "admin_epoch" || step.name == "epoch" || step.name == "num_updates";
      bool unchanged = step.kind == CibEdit::StepKind::set_attribute &&
                       XmlNode(step.node).attribute(step.name) == step.old_value;
      if (attribute_step) {
        if (!version_counter && !unchanged) scope.root_attributes = true;
      } else if (XmlNode(step.node).name() != "status") {
        scope.configuration = true;
      }
      continue;
    }
    if (!is_in_status(XmlNode(where))) scope.configuration = true;
  }
  return scope;
}

// Bumps, validates, diffs, saves and commits `edit`; rolls back (by the edit's destructor) on error.
Result<CibChange> finish(CibEdit& edit, const CibVersion& before, std::optional<CibVersion> version,
                         bool force_configuration, CibSink* sink, std::string operation,
                         const XmlDocument* given_diff) {
  ChangeScope scope = classify(edit);
  scope.configuration = scope.configuration || force_configuration;
  XmlNode root = edit.document().root();
  CibVersion after = version ? *version : next_version(before, scope.configuration);
  edit.set_attribute(root, "admin_epoch", std::to_string(after.admin_epoch));
  edit.set_attribute(root, "epoch", std::to_string(after.epoch));
  edit.set_attribute(root, "num_updates", std::to_string(after.num_updates));
  // Status is free-form, so a status-only change needs no validation: that keeps the frequent
  // updates (operation results, node attributes) cheap on a large CIB.
  if (scope.configuration || scope.root_attributes)
    if (Status s = check_cib(edit.document()); !s) return s;
  CibChange change;
  change.operation = std::move(operation);
  change.before = before;
  change.after = after;
  change.configuration_changed = scope.configuration;
  change.diff = given_diff ? given_diff->serialize(false)
                           : make_diff(edit, before, after).serialize(false);
  if (sink != nullptr)
    if (Status s = sink->save(edit.document(), scope.configuration); !s)
      return cib_error(CibErrorKind::io_error, cib_error_detail(s.with_context("saving the CIB")));
  edit.commit();
  return change;
}

}  // namespace

CibStore::CibStore(XmlDocument document, CibSink* sink, XmlLimits limits)
    : document_(std::move(document)), sink_(sink), limits_(limits) {}

CibVersion CibStore::version() const {
  auto v = read_version(document_.root());
  return v ? *v : CibVersion{};
}

Result<CibReplyData> CibStore::apply(const CibRequest& request) {
  if (request.operation == CibOperation::query) {
    auto out = run_query(document_, request);
    if (!out) return out.status();
    return CibReplyData{std::move(*out), version(), {}};
  }
  std::optional<XmlDocument> data;
  if (!request.data.empty()) {
    auto parsed = parse_cib_xml(request.data, "update", limits_);
    if (!parsed) return parsed.status();
    data.emplace(std::move(*parsed));
  }
  auto before = read_version(document_.root());
  if (!before) return before.status();
  CibEdit edit(document_);
  auto mutation = mutate(edit, request, data ? &*data : nullptr);
  if (!mutation) return mutation.status();
  if (edit.empty() && !mutation->version && !mutation->force_configuration_change)
    return CibReplyData{"", *before, {}};  // nothing changed: no new version, no notification
  auto change = finish(edit, *before, mutation->version, mutation->force_configuration_change,
                       sink_, std::string(operation_name(request.operation)), nullptr);
  if (!change) return change.status();
  change->sequence = ++sequence_;
  if (listener_) listener_(*change);
  return CibReplyData{"", change->after, std::move(change->diff)};
}

Status CibStore::apply_diff(const XmlDocument& diff) {
  auto before = read_version(document_.root());
  if (!before) return before.status();
  auto after = diff_version(diff, true);
  if (!after) return after.status();
  CibEdit edit(document_);
  if (Status s = cib::apply_diff(edit, diff); !s) return s;
  auto change = finish(edit, *before, *after, false, sink_, "apply_diff", &diff);
  if (!change) return change.status();
  change->sequence = ++sequence_;
  if (listener_) listener_(*change);
  return Status::ok();
}

Status CibStore::replace_whole(const XmlDocument& whole) {
  auto before = read_version(document_.root());
  if (!before) return before.status();
  auto offered = read_version(whole.root());
  if (!offered) return offered.status();
  if (whole.root().name() != "cib") return cib_error(CibErrorKind::invalid_request, "a sync needs a <cib>");
  CibEdit edit(document_);
  edit.replace_root(whole.root());
  if (!edit.document().root().first_child("status")) edit.append_child(edit.document().root(), "status");
  auto change = finish(edit, *before, *offered, true, sink_, "sync", nullptr);
  if (!change) return change.status();
  change->sequence = ++sequence_;
  if (listener_) listener_(*change);
  return Status::ok();
}

}  // namespace pacer::cib
