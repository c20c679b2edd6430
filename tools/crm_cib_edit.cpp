// CIB edits for the crm commands, on libxml2 nodes directly: the documents are small and the
// result is validated by cibd's store when it is written back.
#include "tools/crm_cib_edit.h"

#include <libxml/tree.h>

#include <functional>
#include <set>

#include <fmt/format.h>

namespace pacer::tools {

void set_nvpair(XmlNode parent, const std::string& set_element, const std::string& set_id,
                const std::string& name, const std::string& value) {
  std::optional<XmlNode> set;
  for (XmlNode s : parent.children(set_element)) {
    for (XmlNode nv : s.children("nvpair"))
      if (nv.attribute("name") == name) {
        nv.set_attribute("value", value);
        return;
      }
    if (!set) set = s;
  }
  if (!set) {
    set = parent.append_child(set_element);
    set->set_attribute("id", set_id);
  }
  XmlNode nv = set->append_child("nvpair");
  nv.set_attribute("id", fmt::format("{}-{}", set->attribute("id").value_or(set_id), name));
  nv.set_attribute("name", name);
  nv.set_attribute("value", value);
}

bool remove_nvpair(XmlNode parent, const std::string& set_element, const std::string& name) {
  bool found = false;
  for (XmlNode s : parent.children(set_element))
    for (XmlNode nv : s.children("nvpair"))
      if (nv.attribute("name") == name) {
        nv.remove();
        found = true;
      }
  return found;
}

std::vector<XmlNode> find_nvpairs(XmlNode parent, const std::string& set_element, const std::string& name) {
  std::vector<XmlNode> found;
  for (XmlNode s : parent.children(set_element))
    for (XmlNode nv : s.children("nvpair"))
      if (nv.attribute("name") == name) found.push_back(nv);
  return found;
}

std::optional<std::string> get_nvpair(XmlNode parent, const std::string& set_element,
                                      const std::string& name) {
  for (XmlNode s : parent.children(set_element))
    for (XmlNode nv : s.children("nvpair"))
      if (nv.attribute("name") == name) return nv.attribute("value").value_or("");
  return std::nullopt;
}

std::optional<XmlNode> find_id(XmlNode root, const std::string& id) {
  if (root.attribute("id") == id) return root;
  for (XmlNode c : root.children())
    if (auto found = find_id(c, id)) return found;
  return std::nullopt;
}

namespace {

void collect_ids(XmlNode e, std::set<std::string>& ids) {
  if (auto id = e.attribute("id")) ids.insert(*id);
  for (XmlNode c : e.children()) collect_ids(c, ids);
}

XmlNode section(XmlNode configuration, const char* name) {
  if (auto s = configuration.first_child(name)) return *s;
  return configuration.append_child(name);
}

void replace_in_place(XmlNode old_element, XmlNode replacement) {
  xmlNodePtr copy = xmlDocCopyNode(replacement.get(), old_element.get()->doc, 1);
  xmlNodePtr old = xmlReplaceNode(old_element.get(), copy);
  xmlFreeNode(old);
}

void merge_sets(XmlNode current, XmlNode update) {
  for (XmlNode set : update.children()) {
    std::optional<XmlNode> existing;
    for (XmlNode c : current.children(set.name()))
      if (c.attribute("id") == set.attribute("id")) existing = c;
    if (!existing) {
      current.append_copy(set);
      continue;
    }
    for (XmlNode nv : set.children("nvpair")) {
      bool done = false;
      for (XmlNode old : existing->children("nvpair"))
        if (old.attribute("name") == nv.attribute("name")) {
          old.set_attribute("value", nv.attribute("value").value_or(""));
          done = true;
        }
      if (!done) existing->append_copy(nv);
    }
  }
}

// Objects by id: replaced in place, else appended; any other element carrying an id that the
// new objects define (a primitive now inside a group) is removed.
void merge_objects(XmlNode current, XmlNode update) {
  std::set<std::string> placed;
  for (XmlNode e : update.children()) {
    auto id = e.attribute("id").value_or("");
    std::optional<XmlNode> same;
    for (XmlNode c : current.children())
      if (c.attribute("id") == id) same = c;
    if (same) replace_in_place(*same, e);
    else current.append_copy(e);
    placed.insert(id);
  }
  std::set<std::string> defined;
  for (XmlNode e : update.children()) collect_ids(e, defined);
  for (XmlNode top : current.children()) {
    if (placed.count(top.attribute("id").value_or(""))) continue;
    std::vector<XmlNode> doomed;
    std::function<void(XmlNode)> walk = [&](XmlNode n) {
      if (n.attribute("id") && defined.count(*n.attribute("id"))) {
        doomed.push_back(n);
        return;
      }
      for (XmlNode c : n.children()) walk(c);
    };
    walk(top);
    for (XmlNode d : doomed) d.remove();
  }
}

}  // namespace

void merge_configuration(XmlNode current, XmlNode update) {
  for (const char* name : {"crm_config", "rsc_defaults", "op_defaults"})
    if (auto u = update.first_child(name)) merge_sets(section(current, name), *u);
  for (const char* name : {"nodes", "resources", "constraints"})
    if (auto u = update.first_child(name)) merge_objects(section(current, name), *u);
}

void replace_configuration(XmlNode current, XmlNode replacement) {
  auto new_nodes = replacement.first_child("nodes");
  bool keep = !new_nodes || new_nodes->children().empty();
  for (XmlNode c : current.children()) {
    if (keep && c.name() == "nodes") continue;
    c.remove();
  }
  for (XmlNode c : replacement.children()) {
    if (keep && c.name() == "nodes") continue;
    current.append_copy(c);
  }
  // Keep the usual section order: crm_config, nodes, resources, constraints, defaults.
  if (auto nodes = current.first_child("nodes")) {
    if (auto crm_config = current.first_child("crm_config")) {
      xmlNodePtr n = nodes->get();
      xmlUnlinkNode(n);
      xmlAddNextSibling(crm_config->get(), n);
    }
  }
}

std::string element_xml(XmlNode element) {
  xmlBufferPtr buffer = xmlBufferCreate();
  xmlNodeDump(buffer, element.get()->doc, element.get(), 0, 0);
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                  static_cast<size_t>(xmlBufferLength(buffer)));
  xmlBufferFree(buffer);
  return out;
}

}  // namespace pacer::tools
