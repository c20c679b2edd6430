// Assigning resources to nodes: the pipeline's third stage, after the allowed nodes.
//
// The same steps as Pacemaker 2.1.5, so that the decisions and the `-s` score lines agree:
// resources in priority order (CIB order among equals); before a resource, the primaries it is
// colocated with; then the dependents' preferences merged in (each rolled back when it would
// leave no node); a group's members one after the other, each colocated with the previous one;
// a clone's instances first where they run, then on the best nodes with room.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "pengine/working_set.h"

namespace pacer::pengine {

void assign_resources(WorkingSet& ws);

using NodeScores = std::map<int, Score>;

// Marks "a positive score that a negative preference would have pushed below zero" while a clone
// merges its dependents' preferences; the clone then turns it into 1 (allowed, barely preferred).
// Elsewhere (ordering instances) the marker stays and counts as very negative, as in the reference.
inline constexpr Score kPositiveHack = -100 * kInfinity;

// The engine behind assign_resources; its parts live in assignment.cpp (primitives, groups,
// node choice), colocation.cpp (applying and merging colocations) and clone_assignment.cpp.
class Assigner {
 public:
  explicit Assigner(WorkingSet& ws);
  void run();

 private:
  std::optional<int> assign(int r, std::optional<int> prefer = std::nullopt);
  std::optional<int> assign_primitive(int p, std::optional<int> prefer);
  std::optional<int> assign_group(int g);
  void assign_clone(int c);
  bool choose_node(int p, std::optional<int> prefer);
  void record(int p, std::optional<int> node);
  void unassign(int p);
  void show_scores(std::string_view function, int r);

  // colocation.cpp
  void colocate_with_primary(int dependent, const Colocation& c);
  void colocation_match(int dependent, int primary, const Colocation& c);
  void colocate_with_role(int dependent, const Colocation& c);
  NodeScores merge_weights(int r, NodeScores nodes, const std::string& attribute, float factor,
                           bool rollback, bool positive_only);
  void add_matching_scores(NodeScores& nodes, int r, const std::string& attribute, float factor,
                           bool positive_only);
  bool can_run_any(const NodeScores& nodes) const;
  bool same_attribute(int a, int b, const std::string& attribute) const;

  // clone_assignment.cpp
  void distribute_instances(int c, const std::vector<int>& instances);
  bool assign_instance(int c, int instance, std::optional<int> prefer, bool all_colocations);
  void limit_instance_nodes(int c, int instance, int per_node_max);

  // promotion.cpp: which instances of a master/slave resource are promoted.
  void set_instance_roles(int c);

  WorkingSet& ws_;
  std::vector<std::vector<int>> with_primaries_;    // per resource: colocations it depends by
  std::vector<std::vector<int>> with_dependents_;   // per resource: colocations depending on it
  std::vector<char> merging_;                       // merge_weights recursion guard
  std::vector<std::map<int, int>> instances_on_;    // per clone: instances assigned per node
  bool has_fence_device_ = false;
};

}  // namespace pacer::pengine
