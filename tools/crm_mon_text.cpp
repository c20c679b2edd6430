// Pacemaker 1.0's crm_mon text layout. Every column, tab and trailing space here is on purpose:
// administrators and their scripts (the seed greps this screen) read it byte for byte.
#include "tools/crm_mon_text.h"

#include <algorithm>
#include <ctime>
#include <sstream>

#include <fmt/format.h>

namespace pacer::tools {
namespace {

std::string node_mode(const NodeView& n) {
  if (n.unclean) return n.online ? "UNCLEAN (online)" : n.pending ? "UNCLEAN (pending)" : "UNCLEAN (offline)";
  if (n.pending) return "pending";
  if (n.standby_onfail && n.online) return "standby (on-fail)";
  if (n.standby) return n.online ? "standby" : "OFFLINE (standby)";
  return "";
}

std::string node_label(const NodeView& n) {
  return n.id != n.uname ? fmt::format("{} ({})", n.uname, n.id) : n.uname;
}

void print_primitive(std::ostream& out, const ResourceView& r, const std::string& pre) {
  if (r.nodes.size() > 1) {
    out << pre << r.id << "\t(" << r.agent() << ") " << r.role << " [";
    for (auto& n : r.nodes) out << "\t" << n;
    out << " ]";
  } else {
    out << pre << r.id << "\t(" << r.agent() << "):\t";
    if (r.orphan) out << " ORPHANED ";
    out << r.role << " " << (r.nodes.empty() ? "" : r.nodes.front());
  }
  if (!r.managed) out << " (unmanaged)";
  if (r.failed) out << " FAILED";
  out << "\n";
}

void print_resource(std::ostream& out, const ClusterView& view, const ResourceView& r,
                    const std::string& pre);

void print_list(std::ostream& out, const char* title, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out << "     " << title << ": [";
  for (auto& i : items) out << " " << i;
  out << " ]\n";
}

// Node names in CIB node order: 1.0 listed instances :0, :1... which it had numbered in that
// order; a 2.x-recorded anonymous clone carries no numbers, so the order is restored here.
void sort_by_node_order(const ClusterView& view, std::vector<std::string>& names) {
  auto rank = [&view](const std::string& name) {
    for (size_t i = 0; i < view.nodes.size(); ++i)
      if (view.nodes[i].uname == name) return i;
    return view.nodes.size();
  };
  std::stable_sort(names.begin(), names.end(),
                   [&](auto& a, auto& b) { return rank(a) < rank(b); });
}

void print_clone(std::ostream& out, const ClusterView& view, const ResourceView& r,
                 const std::string& pre) {
  bool master = r.kind == ResourceKind::master;
  out << pre << (master ? "Master/Slave Set: " : "Clone Set: ") << r.id;
  if (r.unique) out << " (unique)";
  if (!r.managed) out << " (unmanaged)";
  out << "\n";
  std::vector<std::string> masters, started, stopped;
  for (const ResourceView& inst : r.children) {
    bool partly = inst.active() && !inst.all_active();
    if (r.unique || inst.any_failed() || inst.any_unmanaged() || partly) {
      print_resource(out, view, inst, pre + "    ");
      continue;
    }
    if (!inst.active()) {
      stopped.push_back(inst.id);
      continue;
    }
    // An anonymous instance is one node's copy: every primitive of it runs there.
    const ResourceView* prim = &inst;
    while (prim->kind != ResourceKind::primitive && !prim->children.empty()) prim = &prim->children.front();
    std::string node = prim->nodes.empty() ? "" : prim->nodes.front();
    if (prim->role == "Master") masters.push_back(node);
    else started.push_back(node);
  }
  sort_by_node_order(view, masters);
  sort_by_node_order(view, started);
  print_list(out, "Masters", masters);
  print_list(out, master ? "Slaves" : "Started", started);
  print_list(out, "Stopped", stopped);
}

void print_resource(std::ostream& out, const ClusterView& view, const ResourceView& r,
                    const std::string& pre) {
  switch (r.kind) {
    case ResourceKind::primitive: print_primitive(out, r, pre); break;
    case ResourceKind::group:
      out << pre << "Resource Group: " << r.id << "\n";
      for (auto& m : r.children) print_primitive(out, m, pre + "    ");
      break;
    case ResourceKind::clone:
    case ResourceKind::master: print_clone(out, view, r, pre); break;
  }
}

void print_by_node(std::ostream& out, const ClusterView& view, bool inactive) {
  for (const NodeView& n : view.nodes) {
    std::string mode = node_mode(n);
    if (mode.empty()) mode = n.online ? "online" : "OFFLINE";
    out << "Node " << node_label(n) << ": " << mode << "\n";
    for (const ResourceView* p : view.primitives()) {
      for (auto& where : p->nodes)
        if (where == n.uname) out << "\t" << p->id << "\t(" << p->agent() << ") \n";
    }
  }
  if (inactive) {
    out << "\nFull list of resources:\n\n";
    for (auto& r : view.resources)
      if (!r.orphan || r.active()) print_resource(out, view, r, " ");
  }
}

void print_nodes(std::ostream& out, const ClusterView& view) {
  std::vector<std::string> online, offline;
  for (const NodeView& n : view.nodes) {
    std::string mode = node_mode(n);
    if (!mode.empty()) out << "Node " << node_label(n) << ": " << mode << "\n";
    else if (n.online) online.push_back(n.uname);
    else offline.push_back(n.uname);
  }
  auto list = [&out](const char* title, const std::vector<std::string>& names) {
    if (names.empty()) return;
    out << title << ": [";
    for (auto& n : names) out << " " << n;
    out << " ]\n";
  };
  list("Online", online);
  list("OFFLINE", offline);
}

const ResourceView* primitive_for(const ClusterView& view, const std::string& rsc, int* index) {
  auto prims = view.primitives();
  for (size_t i = 0; i < prims.size(); ++i) {
    const std::string& id = prims[i]->id;
    if (id == rsc || (id.size() > rsc.size() && id.starts_with(rsc) && id[rsc.size()] == ':')) {
      *index = static_cast<int>(i);
      return prims[i];
    }
  }
  *index = 1 << 30;
  return nullptr;
}

std::string asctime_text(long long epoch) {
  std::string t = ctime_text(epoch);
  return t;
}

void print_migration(std::ostream& out, const ClusterView& view, const MonitorDisplay& d) {
  out << "\n" << (d.operations ? "Operations:" : "Migration summary:") << "\n";
  for (const std::string& uname : view.status_order) {
    const NodeView* node = view.find_node(uname);
    if (!node || !node->online) continue;
    out << "* Node " << uname << ": ";
    if (!d.attributes)
      if (auto p = node->attributes.find("pingd"); p != node->attributes.end())
        out << " pingd=" << p->second;
    out << "\n";
    auto counts = view.fail_counts(*node);
    std::vector<std::pair<int, FailCountView>> ordered;
    for (auto& f : counts) {
      int index = 0;
      primitive_for(view, f.rsc, &index);
      ordered.emplace_back(index, f);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](auto& a, auto& b) { return a.first < b.first; });
    if (d.operations) {
      for (const ResourceView* p : view.primitives()) {
        std::vector<const OpRecord*> ops;
        for (auto& op : view.ops) {
          bool mine = op.rsc == p->id || (p->id.starts_with(op.rsc + ":") && !p->nodes.empty() &&
                                          p->nodes.front() == uname);
          if (op.node != uname || !mine) continue;
          if (op.task == "notify" || (op.task == "monitor" && op.interval_ms == 0 && op.rc == 7)) continue;
          ops.push_back(&op);
        }
        if (ops.empty()) continue;
        out << "   " << p->id << ": migration-threshold=" << view.migration_threshold(*p) << "\n";
        for (auto* op : ops) {
          std::string task = op->task == "monitor" && op->interval_ms == 0 ? "probe" : op->task;
          out << "    + (" << op->call_id << ") " << task << ":";
          if (op->interval_ms) out << " interval=" << op->interval_ms << "ms";
          out << " rc=" << op->rc << " (" << rc_text(op->rc) << ")\n";
        }
      }
      continue;
    }
    for (auto& [index, f] : ordered) {
      int unused = 0;
      const ResourceView* prim = primitive_for(view, f.rsc, &unused);
      if (!prim) {
        out << "   " << f.rsc << ": orphan\n";
        continue;
      }
      bool has_timeout = prim->meta.count("failure-timeout") || view.rsc_defaults.count("failure-timeout");
      bool show_failure = has_timeout && f.last_failure;
      if (f.count <= 0 && !show_failure) continue;
      out << "   " << f.rsc << ": migration-threshold=" << view.migration_threshold(*prim);
      if (f.count > 0) out << " fail-count=" << f.count;
      if (show_failure) out << " last-failure='" << asctime_text(*f.last_failure) << "'";
      out << "\n";
    }
  }
}

}  // namespace

std::string ctime_text(long long epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm);
  return buf;
}

bool is_hidden_attribute(std::string_view name) {
  for (std::string_view prefix : {"shutdown", "terminate", "standby", "fail-count", "last-failure",
                                  "probe_complete", "#id", "#uname", "#is_dc"})
    if (name.starts_with(prefix)) return true;
  return false;
}

std::string connectivity_note(const ClusterView& view, const NodeView& node,
                              const std::string& name, const std::string& value) {
  for (const ResourceView* p : view.primitives()) {
    if (p->type != "pingd" && p->type != "ping") continue;
    auto attr = p->params.find("name");
    std::string attr_name = attr == p->params.end() ? "pingd" : attr->second;
    if (attr_name != name) continue;
    bool here = false;
    for (auto& n : p->nodes) here = here || n == node.uname;
    if (!here) continue;
    int hosts = 0;
    if (auto h = p->params.find("host_list"); h != p->params.end()) {
      std::istringstream words(h->second);
      std::string w;
      while (words >> w) ++hosts;
    }
    int multiplier = 1;
    if (auto m = p->params.find("multiplier"); m != p->params.end()) multiplier = std::atoi(m->second.c_str());
    long long v = std::atoll(value.c_str());
    if (v <= 0) return "\t: Connectivity is lost";
    if (v < static_cast<long long>(hosts) * multiplier)
      return fmt::format("\t: Connectivity is degraded (Expected={})", hosts * multiplier);
    return "";
  }
  return "";
}

std::string format_monitor_text(const ClusterView& view, const MonitorDisplay& d) {
  std::ostringstream out;
  out << "============\n";
  out << "Last updated: " << d.last_updated << "\n";
  if (view.stack) out << "Stack: " << *view.stack << "\n";
  if (view.dc_uname) {
    out << "Current DC: " << *view.dc_uname;
    if (view.dc_id && *view.dc_id != *view.dc_uname) out << " (" << *view.dc_id << ")";
    out << " - partition " << (view.have_quorum ? "with" : "WITHOUT") << " quorum\n";
    if (view.dc_version) out << "Version: " << *view.dc_version << "\n";
  } else {
    out << "Current DC: NONE\n";
  }
  out << view.nodes.size() << " Nodes configured, " << view.expected_votes.value_or("unknown")
      << " expected votes\n";
  out << view.configured_count() << " Resources configured.\n";
  out << "============\n\n";

  if (d.group_by_node) {
    print_by_node(out, view, d.inactive);
  } else {
    print_nodes(out, view);
    if (d.inactive) out << "\nFull list of resources:\n";
    out << "\n";
    for (const ResourceView& r : view.resources) {
      if (!d.inactive && !r.active()) continue;
      if (r.orphan && !r.active()) continue;
      print_resource(out, view, r, " ");
    }
  }

  if (d.attributes) {
    out << "\nNode Attributes:\n";
    for (const NodeView& n : view.nodes) {
      if (!n.online) continue;
      out << "* Node " << n.uname << ":\n";
      for (auto& [name, value] : n.attributes) {
        if (is_hidden_attribute(name)) continue;
        out << fmt::format("    + {:<32}\t: {:<10}", name, value)
            << connectivity_note(view, n, name, value) << "\n";
      }
    }
  }
  if (d.fail_counts || d.operations) print_migration(out, view, d);
  if (!view.failed_ops.empty()) {
    out << "\nFailed actions:\n";
    for (const OpRecord& op : view.failed_ops)
      out << fmt::format("    {} (node={}, call={}, rc={}, status={}): {}\n", op.key(), op.node,
                         op.call_id, op.rc, op_status_text(op.op_status), rc_text(op.rc));
  }
  return out.str();
}

}  // namespace pacer::tools
