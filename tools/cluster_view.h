// ClusterView: what crm_mon shows, interpreted from one CIB (configuration + status) the way
// Pacemaker 1.0's crm_mon interpreted it. Pure: a document in, plain values out, no I/O.
//
// pacer's pengine has its own unpacking, but it schedules (and refuses master/slave sets for
// now); the monitor only needs "where is what, in which role, did it fail", so it replays the
// operation history itself with 1.0's rules and keeps every op for the Failed actions list.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/xml.h"

namespace pacer::tools {

struct NodeView {
  std::string id;
  std::string uname;
  bool has_state = false;
  bool online = false;
  bool pending = false;
  bool unclean = false;
  bool standby = false;
  bool standby_onfail = false;
  std::map<std::string, std::string> attributes;  // transient attributes, sorted by name
};

// One recorded operation (<lrm_rsc_op>), with the resource and node it belongs to.
struct OpRecord {
  std::string rsc;   // lrm resource id as recorded ("prmPingd" or "prmPingd:0")
  std::string node;  // uname
  std::string task;
  long long interval_ms = 0;
  int call_id = -1;
  int rc = 0;
  int op_status = 0;
  int expected_rc = 0;
  std::optional<long long> last_rc_change;
  std::string key() const;  // <rsc>_<task>_<interval>
  bool failed() const;
};

enum class ResourceKind { primitive, group, clone, master };

// A resource as displayed. Clone instances are children named "<child>:<n>"; for an anonymous
// clone of a primitive the instance is a primitive, for a clone of a group it is a group.
struct ResourceView {
  ResourceKind kind = ResourceKind::primitive;
  std::string id;
  std::string rclass, provider, type;  // primitives
  bool managed = true;
  bool unique = false;   // clones: globally-unique
  bool orphan = false;   // in the status but not in the configuration
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> meta;
  std::map<std::string, std::string> on_fail;  // "<op>_<interval ms>" -> configured on-fail
  // Primitives: where active (unames, status order) and how.
  std::vector<std::string> nodes;
  std::string role = "Stopped";  // Started, Stopped, Slave, Master
  bool failed = false;
  std::vector<ResourceView> children;

  std::string agent() const;  // "ocf::heartbeat:sfex", "stonith:meatware"
  bool active() const;        // any part active
  bool all_active() const;    // every part active
  bool any_failed() const;
  bool any_unmanaged() const;
};

struct FailCountView {
  std::string rsc;
  int count = 0;
  std::optional<long long> last_failure;
};

struct ClusterView {
  std::optional<std::string> stack;  // cluster-infrastructure
  std::optional<std::string> dc_uname, dc_id;
  std::optional<std::string> dc_version;
  std::optional<std::string> expected_votes;
  bool have_quorum = false;
  bool stonith_enabled = true;
  std::vector<NodeView> nodes;          // CIB <nodes> order
  std::vector<std::string> status_order;  // unames in <status> order
  std::vector<ResourceView> resources;  // top level, CIB order, then orphans
  std::vector<OpRecord> ops;            // every op, status order, call-id order per resource
  std::vector<OpRecord> failed_ops;     // as 1.0 collected them, duplicates removed
  std::map<std::string, std::string> rsc_defaults;

  const NodeView* find_node(std::string_view uname) const;
  // Configured top-level resources, orphans excluded ("N Resources configured.").
  int configured_count() const;
  // migration-threshold of a resource (its meta, else rsc_defaults, else 0).
  std::string migration_threshold(const ResourceView& rsc) const;
  // fail-count-* / last-failure-* attributes of a node.
  std::vector<FailCountView> fail_counts(const NodeView& node) const;
  // Every primitive (clone instances included), depth first.
  std::vector<const ResourceView*> primitives() const;
};

// Interprets a CIB. A CIB without status gives every node offline and every resource stopped.
Result<ClusterView> build_cluster_view(const XmlDocument& cib);

// "10s", "1min", "500ms", "0" -> milliseconds; nullopt when unreadable.
std::optional<long long> parse_interval_ms(std::string_view text);

// Pacemaker 1.0's words for op-status and rc values ("Timed Out", "unknown exec error").
std::string op_status_text(int op_status);
std::string rc_text(int rc);

}  // namespace pacer::tools
