// XML -> crm text. Ids are printed ($id=...) only where they differ from what crm_to_xml would
// generate, so that text -> XML -> text is a fixed point.
#include "tools/crm_from_xml.h"

#include <libxml/tree.h>

#include <sstream>

#include <fmt/format.h>

namespace pacer::tools {
namespace {

// The crm language has no escapes: a value holding a double quote is single-quoted instead.
std::string quoted(const std::string& v) {
  if (v.find('"') != std::string::npos && v.find('\'') == std::string::npos) return "'" + v + "'";
  return "\"" + v + "\"";
}

// A bare word if it needs no quotes.
std::string word(const std::string& v) {
  if (v.empty()) return "\"\"";
  for (char c : v)
    if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\\' || c == '\n') return quoted(v);
  return v;
}

std::vector<std::string> comments_of(XmlNode element) {
  std::vector<std::string> out;
  for (xmlNodePtr c = element.get()->children; c; c = c->next)
    if (c->type == XML_COMMENT_NODE && c->content)
      out.emplace_back(reinterpret_cast<const char*>(c->content));
  return out;
}

// Statement pieces: the head, then continuation parts each on its own tab-indented line.
struct Statement {
  std::vector<std::string> comments;
  std::string head;
  std::vector<std::string> parts;
  std::string text() const {
    std::string out;
    for (auto& c : comments) out += c + "\n";
    out += head;
    for (auto& p : parts) out += " \\\n\t" + p;
    return out + "\n";
  }
};

std::string nvpairs_text(XmlNode set, const std::string& default_id) {
  std::string out;
  auto id = set.attribute("id").value_or("");
  if (id != default_id) out += "$id=" + quoted(id);
  for (XmlNode nv : set.children("nvpair")) {
    if (!out.empty()) out += " ";
    out += nv.attribute("name").value_or("") + "=" + quoted(nv.attribute("value").value_or(""));
  }
  return out;
}

void add_sets(XmlNode element, const std::string& id, Statement& s) {
  for (XmlNode set : element.children()) {
    std::string name(set.name());
    const char* word = name == "instance_attributes" ? "params"
                       : name == "meta_attributes"   ? "meta"
                       : name == "utilization"       ? "utilization" : nullptr;
    if (!word) continue;
    std::string body = nvpairs_text(set, fmt::format("{}-{}", id, name));
    s.parts.push_back(body.empty() ? word : fmt::format("{} {}", word, body));
  }
}

Statement primitive(XmlNode e) {
  Statement s{comments_of(e), "", {}};
  std::string id = e.attribute("id").value_or("");
  std::string cls = e.attribute("class").value_or("");
  std::string agent = e.attribute("provider")
                          ? fmt::format("{}:{}:{}", cls, *e.attribute("provider"), e.attribute("type").value_or(""))
                          : fmt::format("{}:{}", cls, e.attribute("type").value_or(""));
  s.head = fmt::format("primitive {} {}", id, agent);
  add_sets(e, id, s);
  if (auto ops = e.first_child("operations")) {
    if (ops->attribute("id")) s.parts.push_back("operations $id=" + quoted(*ops->attribute("id")));
    for (XmlNode op : ops->children("op")) {
      std::string name = op.attribute("name").value_or("");
      std::string text = "op " + name;
      std::string interval = op.attribute("interval").value_or("0");
      for (xmlAttrPtr a = op.get()->properties; a; a = a->next) {
        std::string key = reinterpret_cast<const char*>(a->name);
        std::string value = op.attribute(key).value_or("");
        if (key == "name") continue;
        if (key == "id") {
          if (value != fmt::format("{}-{}-{}", id, name, interval)) text += " $id=" + quoted(value);
          continue;
        }
        text += fmt::format(" {}={}", key, quoted(value));
      }
      s.parts.push_back(text);
    }
  }
  return s;
}

Statement container(XmlNode e) {
  std::string kind(e.name());
  std::string keyword = kind == "master" ? "ms" : kind;
  std::string id = e.attribute("id").value_or("");
  Statement s{comments_of(e), fmt::format("{} {}", keyword, id), {}};
  for (XmlNode c : e.children())
    if (c.name() == "primitive" || c.name() == "group") s.head += " " + c.attribute("id").value_or("");
  add_sets(e, id, s);
  return s;
}

Statement location(XmlNode e) {
  std::string id = e.attribute("id").value_or("");
  Statement s{comments_of(e), fmt::format("location {} {}", id, e.attribute("rsc").value_or("")), {}};
  if (e.attribute("node")) {
    s.head += fmt::format(" {}: {}", e.attribute("score").value_or("0"), *e.attribute("node"));
    return s;
  }
  for (XmlNode rule : e.children("rule")) {
    std::string text = "rule";
    std::string rid = rule.attribute("id").value_or("");
    if (!rid.starts_with(id + "-rule")) text += " $id=" + quoted(rid);
    if (rule.attribute("role")) text += " $role=" + *rule.attribute("role");
    text += " " + rule.attribute("score").value_or("0") + ":";
    std::string op = " " + rule.attribute("boolean-op").value_or("and") + " ";
    bool first = true;
    for (XmlNode ex : rule.children("expression")) {
      text += first ? " " : op;
      first = false;
      std::string operation = ex.attribute("operation").value_or("");
      std::string attribute = ex.attribute("attribute").value_or("");
      if (operation == "defined" || operation == "not_defined")
        text += operation + " " + attribute;
      else
        text += attribute + " " + operation + " " + word(ex.attribute("value").value_or(""));
    }
    s.parts.push_back(text);
  }
  return s;
}

Statement colocation(XmlNode e) {
  auto role = [&](const char* name) {
    auto r = e.attribute(name);
    return r ? ":" + *r : std::string();
  };
  return {comments_of(e),
          fmt::format("colocation {} {}: {}{} {}{}", e.attribute("id").value_or(""),
                      e.attribute("score").value_or("INFINITY"), e.attribute("rsc").value_or(""),
                      role("rsc-role"), e.attribute("with-rsc").value_or(""), role("with-rsc-role")),
          {}};
}

Statement order(XmlNode e) {
  std::string score = e.attribute("score").value_or("");
  if (auto kind = e.attribute("kind")) {
    score = *kind == "Optional" ? "0" : *kind == "Mandatory" ? "INFINITY" : *kind;
  }
  if (score.empty()) score = "INFINITY";
  auto action = [&](const char* name) {
    auto a = e.attribute(name);
    return a ? ":" + *a : std::string();
  };
  std::string head = fmt::format("order {} {}: {}{} {}{}", e.attribute("id").value_or(""), score,
                                 e.attribute("first").value_or(""), action("first-action"),
                                 e.attribute("then").value_or(""), action("then-action"));
  if (auto sym = e.attribute("symmetrical")) head += " symmetrical=" + *sym;
  return {comments_of(e), head, {}};
}

Statement options(const char* keyword, XmlNode set, const std::string& default_id) {
  Statement s{comments_of(set), keyword, {}};
  auto id = set.attribute("id").value_or("");
  if (id != default_id) s.head += " $id=" + quoted(id);
  for (XmlNode nv : set.children("nvpair"))
    s.parts.push_back(nv.attribute("name").value_or("") + "=" + quoted(nv.attribute("value").value_or("")));
  return s;
}

Statement node(XmlNode e) {
  std::string id = e.attribute("id").value_or("");
  std::string uname = e.attribute("uname").value_or(id);
  Statement s{comments_of(e), "node", {}};
  if (id != uname) s.head += " $id=" + quoted(id);
  s.head += " " + uname;
  std::string type = e.attribute("type").value_or("normal");
  if (type != "normal" && type != "member") s.head += ":" + type;
  for (XmlNode set : e.children("instance_attributes")) {
    std::string body = nvpairs_text(set, "nodes-" + id);
    s.parts.push_back("attributes " + body);
  }
  return s;
}

void collect_primitives(XmlNode e, std::vector<XmlNode>& out) {
  for (XmlNode c : e.children()) {
    if (c.name() == "primitive") out.push_back(c);
    else if (c.name() == "group" || c.name() == "clone" || c.name() == "master") collect_primitives(c, out);
  }
}

void collect_named(XmlNode e, std::string_view name, std::vector<XmlNode>& out) {
  for (XmlNode c : e.children()) {
    if (c.name() == name) out.push_back(c);
    if (c.name() == "clone" || c.name() == "master") collect_named(c, name, out);
  }
}

}  // namespace

std::string element_to_crm(XmlNode e) {
  std::string_view n = e.name();
  if (n == "primitive") return primitive(e).text();
  if (n == "group" || n == "clone" || n == "master") return container(e).text();
  if (n == "rsc_location") return location(e).text();
  if (n == "rsc_colocation") return colocation(e).text();
  if (n == "rsc_order") return order(e).text();
  if (n == "node") return node(e).text();
  return "";
}

Result<std::string> configuration_to_crm(XmlNode configuration) {
  if (configuration.name() == "cib") {
    auto c = configuration.first_child("configuration");
    if (!c) return Status::error("the CIB has no <configuration>");
    configuration = *c;
  }
  if (configuration.name() != "configuration") return Status::error("not a <configuration>");
  std::ostringstream out;
  if (auto nodes = configuration.first_child("nodes"))
    for (XmlNode n : nodes->children("node")) out << node(n).text();
  if (auto resources = configuration.first_child("resources")) {
    std::vector<XmlNode> prims, groups, clones, masters;
    collect_primitives(*resources, prims);
    collect_named(*resources, "group", groups);
    collect_named(*resources, "clone", clones);
    collect_named(*resources, "master", masters);
    for (auto& p : prims) out << primitive(p).text();
    for (auto* list : {&groups, &clones, &masters})
      for (auto& e : *list) out << container(e).text();
  }
  if (auto constraints = configuration.first_child("constraints")) {
    for (XmlNode c : constraints->children("rsc_location")) out << location(c).text();
    for (XmlNode c : constraints->children("rsc_colocation")) out << colocation(c).text();
    for (XmlNode c : constraints->children("rsc_order")) out << order(c).text();
  }
  if (auto crm_config = configuration.first_child("crm_config"))
    for (XmlNode set : crm_config->children("cluster_property_set"))
      out << options("property", set, "cib-bootstrap-options").text();
  if (auto d = configuration.first_child("rsc_defaults"))
    for (XmlNode set : d->children("meta_attributes")) out << options("rsc_defaults", set, "rsc-options").text();
  if (auto d = configuration.first_child("op_defaults"))
    for (XmlNode set : d->children("meta_attributes")) out << options("op_defaults", set, "op-options").text();
  return out.str();
}

}  // namespace pacer::tools
