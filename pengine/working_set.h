// The scheduler's view of one CIB: configuration and status unpacked into plain values.
//
// Everything the pipeline stages read or write lives here, referenced by index (no pointers into
// vectors), so the whole state is one value that a test can build or inspect. Nodes and resources
// keep the CIB's order: that order decides tie-breaks and the order of the Transition Summary.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pengine/rules.h"
#include "pengine/score.h"

namespace pacer::pengine {

enum class NoQuorumPolicy { kStop, kIgnore, kFreeze, kSuicide };

struct ClusterOptions {
  bool stonith_enabled = true;
  std::string stonith_action = "reboot";
  bool symmetric_cluster = true;
  NoQuorumPolicy no_quorum_policy = NoQuorumPolicy::kStop;
  bool start_failure_is_fatal = true;
  bool have_quorum = true;
  std::string dc_uuid;
  Attributes raw;  // every crm_config nvpair, for options only the graph carries
  // Fail counts per resource (1.0's fail-count-RSC) rather than per operation
  // (fail-count-RSC#OP_INTERVAL): decided by the CIB's crm_feature_set (before 3.0.13).
  bool legacy_fail_counts = true;
  // The scheduler's clock (seconds since the epoch), for failure-timeout expiry; 0: none expire.
  std::int64_t now = 0;
};

struct Node {
  std::string id;
  std::string uname;
  Attributes attributes;  // instance + transient attributes, plus #uname/#id
  bool has_state = false;  // a node_state was found
  bool online = false;
  bool unclean = false;  // must be fenced before its resources count as stopped
  bool standby = false;
  bool shutdown = false;  // its crmd asked to leave (transient attribute "shutdown"): hosts nothing
  std::string fence_reason;
  int assigned_count = 0;  // resources assigned so far; balances ties
  std::set<std::string, std::less<>> probed;  // resource ids with any history here
};

enum class OnFail { kIgnore, kBlock, kRestart, kStop, kFence, kStandby };

// The role an instance of a master/slave resource has or is to have; others are kStarted.
enum class Role { kStopped, kStarted, kSlave, kMaster };

struct OperationSpec {
  std::string name;
  // role="Master"/"Slave": a recurring monitor for that role only; empty: any role but Master.
  std::string role;
  long long interval_ms = 0;
  std::optional<long long> timeout_ms;  // unset: op_defaults, else 20 s
  std::optional<OnFail> on_fail;  // unset: the default for the operation
};

enum class ResourceKind { kPrimitive, kGroup, kClone };

struct Resource {
  std::string id;           // "prmPingd:0" for clone instances
  std::string base_id;      // the configured id ("prmPingd")
  ResourceKind kind = ResourceKind::kPrimitive;
  std::string rclass, provider, type;  // primitives only
  Attributes meta;          // own meta attributes over rsc_defaults
  Attributes params;        // instance attributes, passed to the agent
  std::vector<OperationSpec> operations;
  std::optional<int> parent;
  std::vector<int> children;  // group members in order, or clone instances :0..:n-1
  std::optional<int> clone_template;  // for clone: the configured child (not scheduled itself)

  // Meta attributes the scheduler uses.
  Score stickiness = 0;
  int priority = 0;  // higher is assigned first
  int migration_threshold = 0;  // 0: no limit
  long long failure_timeout_s = 0;  // failure-timeout: 0, failures never expire
  bool managed = true;
  bool frozen = false;  // no actions at all: fencing is required but no device could do it
  bool target_stopped = false;  // target-role=Stopped
  // A clone whose instance failed with on-fail=stop: the whole clone stops (banned everywhere).
  bool stopped_by_failure = false;
  int clone_max = -1;           // -1 in the CIB: number of nodes (resolved when unpacking)
  bool orphan = false;          // a clone instance beyond clone-max, found active: must stop
  int clone_node_max = 1;
  // <master>: a clone whose instances are promoted (at most master_max in all, master_node_max
  // per node) by their promotion scores.
  bool promotable = false;
  int master_max = 1;
  int master_node_max = 1;

  // Status (primitives).
  std::vector<int> running_on;  // nodes where it is active
  bool failed = false;          // needs recovery
  std::optional<int> failed_on;
  bool master = false;  // an instance of a master/slave resource, running as Master now
  // An anonymous instance some node's history of "not running" was bound to (it reads its
  // promotion scores as an active one does).
  bool bound_inactive = false;
  // The lrm_resource id its history was found under ("prmS" or 1.0's "prmS:0"); empty if none.
  std::string history_id;
  // A failure with on-fail=block: the resource is placed as usual but none of its actions may
  // run, so it stays where it is (and anything needing its start cannot start).
  bool blocked = false;
  // Nodes whose last failure ran with other parameters than configured now (op-digest): its
  // fail count is cleared, as the failure says nothing about the new definition.
  std::vector<int> stale_failure_on;
  // Assignment.
  // Pacemaker's allowed nodes: node index -> score. Every resource has them (groups and clones
  // too); node availability is not folded in (it is checked when choosing).
  std::map<int, Score> node_scores;
  std::optional<int> assigned;
  bool assignment_done = false;
  bool assignment_in_progress = false;
  // Instances of a master/slave resource: to be Master where assigned (promotion.cpp).
  bool promote = false;
  Score promotion_priority = 0;
};

struct Location {
  std::string id;
  int rsc = 0;
  std::optional<int> node;  // node=... form
  Score score = 0;
  std::vector<Rule> rules;  // rule form: each rule carries its own score
  // role="Master": adds to the promotion priority of a master/slave resource's instances
  // instead of deciding where they run (node form; a rule carries its own role).
  bool master_role = false;
};

struct Colocation {
  std::string id;
  int rsc = 0;       // the dependent
  int with_rsc = 0;  // the primary, assigned first
  Score score = 0;
  std::string node_attribute = "#uname";  // nodes "match" when this attribute is equal
  // with-rsc-role: only the primary's instances that are to have this role count (kStarted: any).
  Role with_rsc_role = Role::kStarted;
};

struct Ordering {
  std::string id;
  int first = 0;
  int then = 0;
  bool mandatory = true;
  bool symmetrical = true;
  // first-action/then-action: "start" (the default), "stop", "promote" or "demote".
  std::string first_action = "start";
  std::string then_action = "start";
  // start-then-start: the only form that restarts or blocks `then` through start plans (an order
  // naming promote or demote only orders those actions).
  bool between_starts() const { return first_action == "start" && then_action == "start"; }
};

struct WorkingSet {
  ClusterOptions options;
  std::vector<Node> nodes;
  std::vector<Resource> resources;  // top-level resources first in CIB order, then the rest
  std::vector<int> top_level;       // indices of top-level resources, CIB order
  std::vector<Location> locations;
  std::vector<Colocation> colocations;
  std::vector<Ordering> orderings;
  Attributes rsc_defaults;
  Attributes op_defaults;
  // "pcmk__primitive_assign: R allocation score on N: S" lines, in the order the reference
  // prints them (crm_simulate -s); filled during assignment.
  std::vector<std::string> score_lines;

  std::optional<int> find_node(std::string_view uname) const;
  std::optional<int> find_node_by_id(std::string_view id) const;
  std::optional<int> find_resource(std::string_view id) const;
  bool is_primitive(int r) const { return resources[r].kind == ResourceKind::kPrimitive; }
  // Primitives in summary order: depth-first through top-level resources.
  std::vector<int> primitives_in_order() const;
  // The same, top-level resources stable-sorted by priority first: the Transition Summary's order.
  std::vector<int> primitives_by_priority() const;
  // The timeout an operation runs with: its own, else op_defaults', else 20 s.
  long long operation_timeout_ms(const Resource& rsc, std::string_view task,
                                 long long interval_ms) const;
};

}  // namespace pacer::pengine
