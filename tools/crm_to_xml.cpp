// crm statements -> <configuration>. Two passes: statements are first parsed into elements keyed
// by id, then placed — a primitive named by a group or clone goes inside it — in the crm shell's
// order (primitives, groups, clones, master/slave sets; locations, colocations, orders).
#include "tools/crm_to_xml.h"

#include <libxml/tree.h>

#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

namespace pacer::tools {
namespace {

const std::set<std::string, std::less<>> kSectionWords = {"params", "meta", "op", "operations",
                                                         "utilization", "attributes"};
const std::set<std::string, std::less<>> kRuleOps = {"lt", "gt", "lte", "gte", "eq", "ne"};

// The crm shell's id generator: the base if free, else base-0, base-1...
class Ids {
 public:
  std::string make(const std::string& base) {
    if (used_.insert(base).second) return base;
    for (int i = 0;; ++i) {
      std::string id = fmt::format("{}-{}", base, i);
      if (used_.insert(id).second) return id;
    }
  }
  bool claim(const std::string& id) { return used_.insert(id).second; }

 private:
  std::set<std::string> used_;
};

struct Parsed {
  std::string kind;  // keyword
  std::string id;
  XmlDocument doc;   // the element as the root of its own document
  std::vector<std::string> members;
  std::vector<CrmToken> member_tokens;
  int order = 0;
};

void add_comments(XmlNode element, const std::vector<std::string>& comments) {
  xmlNodePtr first = element.get()->children;
  for (const std::string& c : comments) {
    xmlNodePtr comment = xmlNewDocComment(element.get()->doc, BAD_CAST c.c_str());
    if (first) xmlAddPrevSibling(first, comment);
    else xmlAddChild(element.get(), comment);
  }
}

class Converter {
 public:
  Converter(std::string_view source) : source_(source) {}

  Status error(const CrmToken& t, std::string_view message) { return crm_error(source_, t, message); }

  // name=value tokens from `i` until a section word; `$id=` names the set.
  Status nvpairs(const CrmStatement& s, size_t& i, XmlNode parent, const char* set_name,
                 const std::string& default_id, bool stop_at_sections = true) {
    XmlNode set = parent.append_child(set_name);
    std::vector<std::pair<std::string, std::string>> pairs;
    std::string set_id;
    for (; i < s.tokens.size(); ++i) {
      const CrmToken& t = s.tokens[i];
      if (stop_at_sections && !t.quoted && kSectionWords.count(t.text)) break;
      auto eq = t.text.find('=');
      if (eq == std::string::npos || eq == 0) return error(t, "expected name=value");
      std::string name = t.text.substr(0, eq);
      if (name == "$id") set_id = t.text.substr(eq + 1);
      else pairs.emplace_back(name, t.text.substr(eq + 1));
    }
    if (set_id.empty()) set_id = ids_.make(default_id);
    else if (!ids_.claim(set_id)) return error(s.tokens[0], fmt::format("id '{}' is used twice", set_id));
    set.set_attribute("id", set_id);
    for (auto& [name, value] : pairs) {
      XmlNode nv = set.append_child("nvpair");
      nv.set_attribute("name", name);
      nv.set_attribute("value", value);
      nv.set_attribute("id", ids_.make(fmt::format("{}-{}", set_id, name)));
    }
    return Status::ok();
  }

  Result<Parsed> start(const CrmStatement& s, const char* element, size_t min_tokens) {
    if (s.tokens.size() < min_tokens) return error(s.tokens.back(), fmt::format("incomplete {}", s.keyword()));
    Parsed p{s.keyword(), s.tokens[1].text, XmlDocument::with_root(element), {}, {}, order_++};
    if (p.id.empty() || p.id.find('=') != std::string::npos)
      return error(s.tokens[1], "expected an id");
    if (!ids_.claim(p.id)) return error(s.tokens[1], fmt::format("id '{}' is used twice", p.id));
    p.doc.root().set_attribute("id", p.id);
    return p;
  }

  Result<Parsed> primitive(const CrmStatement& s) {
    auto p = start(s, "primitive", 3);
    if (!p) return p;
    XmlNode root = p->doc.root();
    const CrmToken& agent = s.tokens[2];
    std::vector<std::string> parts;
    size_t from = 0;
    for (;;) {
      size_t colon = agent.text.find(':', from);
      parts.push_back(agent.text.substr(from, colon - from));
      if (colon == std::string::npos) break;
      from = colon + 1;
    }
    if (parts.size() == 3 && parts[0] == "ocf") {
      root.set_attribute("class", parts[0]);
      root.set_attribute("provider", parts[1]);
      root.set_attribute("type", parts[2]);
    } else if (parts.size() == 2 && parts[0] != "ocf" && !parts[1].empty()) {
      root.set_attribute("class", parts[0]);
      root.set_attribute("type", parts[1]);
    } else {
      return error(agent, "expected an agent class:provider:type (ocf) or class:type");
    }
    add_comments(root, s.comments);
    std::optional<XmlNode> operations;
    for (size_t i = 3; i < s.tokens.size();) {
      const CrmToken& word = s.tokens[i++];
      if (word.text == "params" || word.text == "meta" || word.text == "utilization") {
        const char* set = word.text == "params" ? "instance_attributes"
                          : word.text == "meta" ? "meta_attributes" : "utilization";
        Status st = nvpairs(s, i, root, set, fmt::format("{}-{}", p->id, set));
        if (!st) return st;
      } else if (word.text == "operations") {
        if (i >= s.tokens.size() || !s.tokens[i].text.starts_with("$id="))
          return error(word, "operations needs $id=...");
        operations = root.append_child("operations");
        operations->set_attribute("id", s.tokens[i++].text.substr(4));
      } else if (word.text == "op") {
        if (i >= s.tokens.size() || s.tokens[i].text.find('=') != std::string::npos)
          return error(word, "op needs an operation name");
        if (!operations) operations = root.append_child("operations");
        XmlNode op = operations->append_child("op");
        std::string name = s.tokens[i++].text;
        op.set_attribute("name", name);
        std::string interval = "0";
        std::string op_id;
        for (; i < s.tokens.size() && !kSectionWords.count(s.tokens[i].text); ++i) {
          const CrmToken& t = s.tokens[i];
          auto eq = t.text.find('=');
          if (eq == std::string::npos || eq == 0) return error(t, "expected name=value");
          std::string key = t.text.substr(0, eq), value = t.text.substr(eq + 1);
          if (key == "$id") op_id = value;
          else op.set_attribute(key, value);
          if (key == "interval") interval = value;
        }
        if (!op.has_attribute("interval")) op.set_attribute("interval", "0");
        op.set_attribute("id", op_id.empty() ? ids_.make(fmt::format("{}-{}-{}", p->id, name, interval)) : op_id);
      } else {
        return error(word, "expected params, meta, utilization or op");
      }
    }
    return p;
  }

  Result<Parsed> container(const CrmStatement& s) {
    const std::string kw = s.keyword();
    const char* element = kw == "group" ? "group" : kw == "clone" ? "clone" : "master";
    auto p = start(s, element, 3);
    if (!p) return p;
    XmlNode root = p->doc.root();
    add_comments(root, s.comments);
    size_t i = 2;
    for (; i < s.tokens.size() && !kSectionWords.count(s.tokens[i].text); ++i) {
      if (s.tokens[i].text.find('=') != std::string::npos) return error(s.tokens[i], "expected a resource id");
      p->members.push_back(s.tokens[i].text);
      p->member_tokens.push_back(s.tokens[i]);
    }
    if (p->members.empty()) return error(s.tokens[1], fmt::format("{} needs a resource", kw));
    if (kw != "group" && p->members.size() > 1)
      return error(s.tokens[3], fmt::format("{} takes exactly one resource", kw));
    while (i < s.tokens.size()) {
      const CrmToken& word = s.tokens[i++];
      if (word.text != "meta" && word.text != "params") return error(word, "expected meta or params");
      const char* set = word.text == "meta" ? "meta_attributes" : "instance_attributes";
      Status st = nvpairs(s, i, root, set, fmt::format("{}-{}", p->id, set));
      if (!st) return st;
    }
    return p;
  }

  // "200:" / "-INFINITY:" / "inf:" -> the score text without the colon.
  Result<std::string> score(const CrmToken& t) {
    if (t.text.size() < 2 || t.text.back() != ':') return error(t, "expected a score followed by ':'");
    std::string v = t.text.substr(0, t.text.size() - 1);
    if (v == "inf" || v == "+inf" || v == "+INFINITY") return std::string("INFINITY");
    if (v == "-inf") return std::string("-INFINITY");
    if (v == "INFINITY" || v == "-INFINITY" || v == "Mandatory" || v == "Optional" || v == "Serialize") return v;
    size_t k = v[0] == '-' || v[0] == '+' ? 1 : 0;
    if (k == v.size()) return error(t, "not a score");
    for (; k < v.size(); ++k)
      if (v[k] < '0' || v[k] > '9') return error(t, "not a score");
    return v;
  }

  Result<Parsed> location(const CrmStatement& s) {
    auto p = start(s, "rsc_location", 5);
    if (!p) return p;
    XmlNode root = p->doc.root();
    root.set_attribute("rsc", s.tokens[2].text);
    add_comments(root, s.comments);
    if (s.tokens[3].text != "rule") {
      auto sc = score(s.tokens[3]);
      if (!sc) return sc.status();
      root.set_attribute("score", *sc);
      root.set_attribute("node", s.tokens[4].text);
      if (s.tokens.size() > 5) return error(s.tokens[5], "unexpected token after the node");
      return p;
    }
    size_t i = 3;
    while (i < s.tokens.size()) {
      if (s.tokens[i].text != "rule") return error(s.tokens[i], "expected rule");
      ++i;
      XmlNode rule = root.append_child("rule");
      std::string rule_id, role;
      while (i < s.tokens.size() && (s.tokens[i].text.starts_with("$id=") || s.tokens[i].text.starts_with("$role="))) {
        auto& t = s.tokens[i++].text;
        (t.starts_with("$id=") ? rule_id : role) = t.substr(t.find('=') + 1);
      }
      if (i >= s.tokens.size()) return error(s.tokens.back(), "a rule needs a score");
      auto sc = score(s.tokens[i++]);
      if (!sc) return sc.status();
      rule.set_attribute("score", *sc);
      if (!role.empty()) rule.set_attribute("role", role);
      std::vector<std::vector<const CrmToken*>> terms(1);
      std::string bool_op;
      for (; i < s.tokens.size() && s.tokens[i].text != "rule"; ++i) {
        const CrmToken& t = s.tokens[i];
        if (!t.quoted && (t.text == "and" || t.text == "or")) {
          if (!bool_op.empty() && bool_op != t.text)
            return error(t, "a rule mixes 'and' and 'or'; split it into rules");
          bool_op = t.text;
          terms.emplace_back();
        } else {
          terms.back().push_back(&t);
        }
      }
      if (!bool_op.empty()) rule.set_attribute("boolean-op", bool_op);
      if (rule_id.empty()) rule_id = ids_.make(p->id + "-rule");
      else if (!ids_.claim(rule_id)) return error(s.tokens[0], fmt::format("id '{}' is used twice", rule_id));
      rule.set_attribute("id", rule_id);
      for (auto& term : terms) {
        XmlNode e = rule.append_child("expression");
        if (term.size() == 2 && (term[0]->text == "defined" || term[0]->text == "not_defined")) {
          e.set_attribute("operation", term[0]->text);
          e.set_attribute("attribute", term[1]->text);
        } else if (term.size() == 3 && kRuleOps.count(term[1]->text)) {
          e.set_attribute("operation", term[1]->text);
          e.set_attribute("attribute", term[0]->text);
          e.set_attribute("value", term[2]->text);
        } else if (term.empty()) {
          return error(s.tokens[i - 1], "a rule needs an expression");
        } else {
          return error(*term[0], "expected 'attr op value' (op: lt gt lte gte eq ne) or "
                                 "'defined|not_defined attr'");
        }
        e.set_attribute("id", ids_.make(rule_id + "-expression"));
      }
    }
    return p;
  }

  // colocation id score: rsc[:role] with[:role]   /   order id score: first[:action] then[:action]
  Result<Parsed> pair_constraint(const CrmStatement& s) {
    bool colocation = s.keyword() == "colocation";
    auto p = start(s, colocation ? "rsc_colocation" : "rsc_order", 5);
    if (!p) return p;
    XmlNode root = p->doc.root();
    auto sc = score(s.tokens[2]);
    if (!sc) return sc.status();
    std::vector<const CrmToken*> rscs;
    std::optional<std::string> symmetrical;
    for (size_t i = 3; i < s.tokens.size(); ++i) {
      const CrmToken& t = s.tokens[i];
      if (!colocation && t.text.starts_with("symmetrical=")) symmetrical = t.text.substr(12);
      else if (t.text.find('=') != std::string::npos) return error(t, "unexpected option");
      else rscs.push_back(&t);
    }
    if (rscs.size() != 2)
      return error(rscs.size() > 2 ? *rscs[2] : s.tokens.back(),
                   "expected exactly two resources (resource sets are not supported yet)");
    auto split = [](const std::string& text) {
      auto colon = text.find(':');
      return colon == std::string::npos ? std::pair{text, std::string()}
                                        : std::pair{text.substr(0, colon), text.substr(colon + 1)};
    };
    auto [a, a_extra] = split(rscs[0]->text);
    auto [b, b_extra] = split(rscs[1]->text);
    if (colocation) {
      root.set_attribute("score", *sc);
      root.set_attribute("rsc", a);
      root.set_attribute("with-rsc", b);
      if (!a_extra.empty()) root.set_attribute("rsc-role", a_extra);
      if (!b_extra.empty()) root.set_attribute("with-rsc-role", b_extra);
    } else {
      // The crm shell writes 0 as kind="Optional" and INFINITY as kind="Mandatory".
      if (*sc == "0" || *sc == "Optional") root.set_attribute("kind", "Optional");
      else if (*sc == "INFINITY" || *sc == "Mandatory") root.set_attribute("kind", "Mandatory");
      else if (*sc == "Serialize") root.set_attribute("kind", "Serialize");
      else root.set_attribute("score", *sc);
      if (symmetrical) root.set_attribute("symmetrical", *symmetrical);
      root.set_attribute("first", a);
      root.set_attribute("then", b);
      if (!a_extra.empty()) root.set_attribute("first-action", a_extra);
      if (!b_extra.empty()) root.set_attribute("then-action", b_extra);
    }
    add_comments(root, s.comments);
    return p;
  }

  Result<Parsed> options_set(const CrmStatement& s) {
    std::string kw = s.keyword();
    bool property = kw == "property";
    std::string default_id = property ? "cib-bootstrap-options" : kw == "rsc_defaults" ? "rsc-options" : "op-options";
    Parsed p{kw, "", XmlDocument::with_root("holder"), {}, {}, order_++};
    if (s.tokens.size() < 2) return error(s.tokens[0], fmt::format("{} needs name=value", kw));
    size_t i = 1;
    // Several statements may fill the same set: reuse its id.
    std::string set_id = default_id;
    if (s.tokens[1].text.starts_with("$id=")) set_id = s.tokens[1].text.substr(4);
    if (!sets_.count(set_id)) {
      sets_.insert(set_id);
      ids_.claim(set_id);
    }
    XmlNode set = p.doc.root().append_child(property ? "cluster_property_set" : "meta_attributes");
    set.set_attribute("id", set_id);
    if (s.tokens[1].text.starts_with("$id=")) ++i;
    add_comments(set, s.comments);
    for (; i < s.tokens.size(); ++i) {
      const CrmToken& t = s.tokens[i];
      auto eq = t.text.find('=');
      if (eq == std::string::npos || eq == 0) return error(t, "expected name=value");
      XmlNode nv = set.append_child("nvpair");
      std::string name = t.text.substr(0, eq);
      nv.set_attribute("name", name);
      nv.set_attribute("value", t.text.substr(eq + 1));
      nv.set_attribute("id", ids_.make(fmt::format("{}-{}", set_id, name)));
    }
    p.id = set_id;
    return p;
  }

  Result<Parsed> node(const CrmStatement& s) {
    Parsed p{"node", "", XmlDocument::with_root("node"), {}, {}, order_++};
    size_t i = 1;
    std::string id;
    if (i < s.tokens.size() && s.tokens[i].text.starts_with("$id=")) id = s.tokens[i++].text.substr(4);
    if (i >= s.tokens.size()) return error(s.tokens.back(), "node needs a name");
    std::string uname = s.tokens[i].text, type = "normal";
    if (auto colon = uname.find(':'); colon != std::string::npos) {
      type = uname.substr(colon + 1);
      uname = uname.substr(0, colon);
    }
    ++i;
    if (id.empty()) id = uname;
    if (!ids_.claim(id)) return error(s.tokens[1], fmt::format("id '{}' is used twice", id));
    XmlNode root = p.doc.root();
    root.set_attribute("id", id);
    root.set_attribute("uname", uname);
    root.set_attribute("type", type);
    add_comments(root, s.comments);
    if (i < s.tokens.size()) {
      if (s.tokens[i].text != "attributes") return error(s.tokens[i], "expected attributes");
      ++i;
      Status st = nvpairs(s, i, root, "instance_attributes", fmt::format("nodes-{}", id), false);
      if (!st) return st;
    }
    p.id = id;
    return p;
  }

 private:
  std::string_view source_;
  Ids ids_;
  std::set<std::string> sets_;
  int order_ = 0;
};

}  // namespace

Result<XmlDocument> crm_to_configuration(const std::vector<CrmStatement>& statements,
                                         std::string_view source) {
  Converter conv(source);
  std::vector<Parsed> parsed;
  for (const CrmStatement& s : statements) {
    std::string kw = s.keyword();
    Result<Parsed> p = Status::error("");
    if (kw == "primitive") p = conv.primitive(s);
    else if (kw == "group" || kw == "clone" || kw == "ms" || kw == "master") p = conv.container(s);
    else if (kw == "location") p = conv.location(s);
    else if (kw == "colocation" || kw == "collocation" || kw == "order") p = conv.pair_constraint(s);
    else if (kw == "property" || kw == "rsc_defaults" || kw == "op_defaults") p = conv.options_set(s);
    else if (kw == "node") p = conv.node(s);
    else return crm_error(source, s.tokens[0], "unknown statement");
    if (!p) return p.status();
    if (kw == "master") p->kind = "ms";
    if (kw == "collocation") p->kind = "colocation";
    parsed.push_back(std::move(*p));
  }

  // Which resources live inside another.
  std::map<std::string, size_t> by_id;
  for (size_t i = 0; i < parsed.size(); ++i)
    if (parsed[i].kind == "primitive" || parsed[i].kind == "group" || parsed[i].kind == "clone" ||
        parsed[i].kind == "ms")
      by_id[parsed[i].id] = i;
  std::map<size_t, size_t> parent_of;
  for (size_t i = 0; i < parsed.size(); ++i) {
    for (size_t m = 0; m < parsed[i].members.size(); ++m) {
      const CrmToken& t = parsed[i].member_tokens[m];
      auto it = by_id.find(t.text);
      if (it == by_id.end()) return crm_error(source, t, "no such resource");
      const std::string& child_kind = parsed[it->second].kind;
      if (parsed[i].kind == "group" && child_kind != "primitive")
        return crm_error(source, t, "a group holds primitives only");
      if (child_kind == "clone" || child_kind == "ms")
        return crm_error(source, t, "a clone cannot be inside another resource");
      if (parent_of.count(it->second)) return crm_error(source, t, "the resource is already in another one");
      parent_of[it->second] = i;
    }
  }

  XmlDocument doc = XmlDocument::with_root("configuration");
  XmlNode configuration = doc.root();
  XmlNode crm_config = configuration.append_child("crm_config");
  XmlNode nodes = configuration.append_child("nodes");
  XmlNode resources = configuration.append_child("resources");
  XmlNode constraints = configuration.append_child("constraints");
  std::optional<XmlNode> rsc_defaults, op_defaults;

  // Builds a resource element with its members inside, recursively.
  std::function<void(XmlNode, size_t)> place = [&](XmlNode parent, size_t index) {
    XmlNode element = parent.append_copy(parsed[index].doc.root());
    for (auto& member : parsed[index].members) place(element, by_id[member]);
  };
  for (const char* kind : {"primitive", "group", "clone", "ms"})
    for (size_t i = 0; i < parsed.size(); ++i)
      if (parsed[i].kind == kind && !parent_of.count(i)) place(resources, i);
  for (const char* kind : {"location", "colocation", "order"})
    for (auto& p : parsed)
      if (p.kind == kind) constraints.append_copy(p.doc.root());
  for (auto& p : parsed) {
    if (p.kind == "node") {
      nodes.append_copy(p.doc.root());
    } else if (p.kind == "property" || p.kind == "rsc_defaults" || p.kind == "op_defaults") {
      XmlNode section = crm_config;
      if (p.kind == "rsc_defaults") {
        if (!rsc_defaults) rsc_defaults = configuration.append_child("rsc_defaults");
        section = *rsc_defaults;
      } else if (p.kind == "op_defaults") {
        if (!op_defaults) op_defaults = configuration.append_child("op_defaults");
        section = *op_defaults;
      }
      XmlNode set = p.doc.root().children().front();
      // A second statement for the same set adds to it.
      std::optional<XmlNode> existing;
      for (XmlNode s : section.children())
        if (s.attribute("id") == set.attribute("id")) existing = s;
      if (!existing) {
        section.append_copy(set);
      } else {
        for (xmlNodePtr c = set.get()->children; c; c = c->next)
          xmlAddChild(existing->get(), xmlDocCopyNode(c, doc.get(), 1));
      }
    }
  }
  return doc;
}

Result<XmlDocument> parse_crm_configuration(std::string_view text, std::string_view source) {
  auto statements = split_crm(text, source);
  if (!statements) return statements.status();
  return crm_to_configuration(*statements, source);
}

}  // namespace pacer::tools
