// `crm configure ...`: show, load update|replace, edit, verify, delete, and one object per
// command line. Every change is made on a copy of the configuration and written back whole
// (one replace of the <configuration> section), so cibd validates it as one update.
#include <unistd.h>

#include <iostream>
#include <set>

#include <fmt/format.h>

#include "tools/cluster_view.h"
#include "tools/crm_cib_edit.h"
#include "tools/crm_from_xml.h"
#include "tools/crm_shell.h"
#include "tools/crm_to_xml.h"

namespace pacer::tools {
namespace {

int fail(CrmEnvironment& env, const std::string& message) {
  env.err << "ERROR: " << message << "\n";
  return 1;
}

int show(const std::vector<std::string>& args, CrmEnvironment& env) {
  auto cib = crm_fetch_cib(env);
  if (!cib) return fail(env, cib.error_message());
  auto configuration = cib->root().first_child("configuration");
  if (!configuration) return fail(env, "the CIB has no configuration");
  bool xml = !args.empty() && args[0] == "xml";
  std::vector<std::string> ids(args.begin() + (xml ? 1 : 0), args.end());
  if (ids.empty()) {
    if (xml) {
      env.out << element_xml(*configuration) << "\n";
      return 0;
    }
    auto text = configuration_to_crm(*configuration);
    if (!text) return fail(env, text.error_message());
    env.out << *text;
    return 0;
  }
  for (auto& id : ids) {
    auto element = find_id(*configuration, id);
    if (!element) return fail(env, fmt::format("object {} does not exist", id));
    env.out << (xml ? element_xml(*element) + "\n" : element_to_crm(*element));
  }
  return 0;
}

// Writes `configuration` (a modified copy) back.
int commit(CrmEnvironment& env, XmlNode configuration) {
  Status s = crm_write_section(env, configuration);
  if (!s) return fail(env, s.message());
  return 0;
}

int load(const std::vector<std::string>& args, CrmEnvironment& env) {
  if (args.size() != 2 || (args[0] != "update" && args[0] != "replace"))
    return fail(env, "usage: configure load update|replace FILE");
  Result<std::string> text = Status::error("");
  if (args[1] == "-") {
    std::string all, line;
    while (std::getline(std::cin, line)) all += line + "\n";
    text = all;
  } else {
    text = env.read_file(args[1]);
  }
  if (!text) return fail(env, text.error_message());
  auto parsed = parse_crm_configuration(*text, args[1]);
  if (!parsed) return fail(env, parsed.error_message());
  auto cib = crm_fetch_cib(env);
  if (!cib) return fail(env, cib.error_message());
  auto configuration = cib->root().first_child("configuration");
  if (!configuration) return fail(env, "the CIB has no configuration");
  if (args[0] == "update") merge_configuration(*configuration, parsed->root());
  else replace_configuration(*configuration, parsed->root());
  return commit(env, *configuration);
}

std::vector<std::string> problems(XmlNode configuration) {
  std::vector<std::string> out;
  std::set<std::string> resources;
  if (auto r = configuration.first_child("resources")) {
    std::function<void(XmlNode)> walk = [&](XmlNode e) {
      for (XmlNode c : e.children()) {
        std::string_view n = c.name();
        if (n != "primitive" && n != "group" && n != "clone" && n != "master") continue;
        resources.insert(c.attribute("id").value_or(""));
        if (n == "primitive" && c.attribute("class") == "ocf" && !c.attribute("provider"))
          out.push_back(fmt::format("primitive {}: an ocf agent needs a provider", *c.attribute("id")));
        walk(c);
      }
    };
    walk(*r);
  }
  if (auto c = configuration.first_child("constraints")) {
    for (XmlNode k : c->children())
      for (const char* ref : {"rsc", "with-rsc", "first", "then"})
        if (auto v = k.attribute(ref); v && !resources.count(*v))
          out.push_back(fmt::format("{} {}: {} '{}' does not exist", k.name(),
                                    k.attribute("id").value_or(""), ref, *v));
  }
  return out;
}

int verify(CrmEnvironment& env) {
  auto cib = crm_fetch_cib(env);
  if (!cib) return fail(env, cib.error_message());
  auto configuration = cib->root().first_child("configuration");
  if (!configuration) return fail(env, "the CIB has no configuration");
  auto found = problems(*configuration);
  auto view = build_cluster_view(*cib);
  if (!view) found.push_back(view.error_message());
  for (auto& p : found) env.err << "ERROR: " << p << "\n";
  return found.empty() ? 0 : 1;
}

int edit(CrmEnvironment& env) {
  auto cib = crm_fetch_cib(env);
  if (!cib) return fail(env, cib.error_message());
  auto configuration = cib->root().first_child("configuration");
  if (!configuration) return fail(env, "the CIB has no configuration");
  auto before = configuration_to_crm(*configuration);
  if (!before) return fail(env, before.error_message());
  std::string path = fmt::format("{}/crm-edit-{}.crm", env.temp_dir, getpid());
  Status s = env.write_file(path, *before);
  if (!s) return fail(env, s.message());
  s = env.run_editor(path);
  auto after = s ? env.read_file(path) : Result<std::string>(s);
  unlink(path.c_str());
  if (!after) return fail(env, after.error_message());
  if (*after == *before) {
    env.out << "INFO: no changes\n";
    return 0;
  }
  auto parsed = parse_crm_configuration(*after, "edited configuration");
  if (!parsed) return fail(env, parsed.error_message());
  replace_configuration(*configuration, parsed->root());
  return commit(env, *configuration);
}

int remove_objects(const std::vector<std::string>& ids, CrmEnvironment& env) {
  if (ids.empty()) return fail(env, "usage: configure delete ID...");
  auto cib = crm_fetch_cib(env);
  if (!cib) return fail(env, cib.error_message());
  auto configuration = cib->root().first_child("configuration");
  if (!configuration) return fail(env, "the CIB has no configuration");
  auto view = build_cluster_view(*cib);
  for (const std::string& id : ids) {
    auto element = find_id(*configuration, id);
    if (!element || element->name() == "nvpair" || element->name() == "op")
      return fail(env, fmt::format("object {} does not exist", id));
    if (view) {
      for (const ResourceView* p : view->primitives())
        if ((p->id == id || p->id.starts_with(id + ":")) && p->active())
          return fail(env, fmt::format("resource {} is running, can't delete it", id));
      for (auto& r : view->resources)
        if (r.id == id && r.active()) return fail(env, fmt::format("resource {} is running, can't delete it", id));
    }
    element->remove();
    if (auto constraints = configuration->first_child("constraints")) {
      for (XmlNode c : constraints->children()) {
        for (const char* ref : {"rsc", "with-rsc", "first", "then"}) {
          if (c.attribute(ref) == id) {
            env.out << "INFO: hanging " << c.name() << " " << c.attribute("id").value_or("")
                    << " deleted\n";
            c.remove();
            break;
          }
        }
      }
    }
  }
  return commit(env, *configuration);
}

// One object typed on the command line: `configure primitive ...`.
int add_object(const std::vector<std::string>& args, CrmEnvironment& env) {
  CrmStatement statement;
  statement.line = 1;
  for (auto& a : args) {
    bool spaced = a.find_first_of(" \t") != std::string::npos;
    statement.tokens.push_back(CrmToken{a, 1, spaced});
  }
  auto parsed = crm_to_configuration({statement}, "command line");
  if (!parsed) return fail(env, parsed.error_message());
  auto cib = crm_fetch_cib(env);
  if (!cib) return fail(env, cib.error_message());
  auto configuration = cib->root().first_child("configuration");
  if (!configuration) return fail(env, "the CIB has no configuration");
  const std::string& kw = args[0];
  bool options = kw == "property" || kw == "rsc_defaults" || kw == "op_defaults";
  if (!options && args.size() > 1) {
    std::string id = args[1].starts_with("$id=") && args.size() > 2 ? args[2] : args[1];
    if (find_id(*configuration, id)) return fail(env, fmt::format("object {} already exists", id));
  }
  merge_configuration(*configuration, parsed->root());
  return commit(env, *configuration);
}

}  // namespace

int crm_configure(const std::vector<std::string>& args, CrmEnvironment& env) {
  if (args.empty()) {
    env.err << "crm: configure needs a subcommand (the interactive level is not implemented)\n";
    return 64;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  const std::string& cmd = args[0];
  if (cmd == "show") return show(rest, env);
  if (cmd == "load") return load(rest, env);
  if (cmd == "edit") return edit(env);
  if (cmd == "verify") return verify(env);
  if (cmd == "delete") return remove_objects(rest, env);
  static const std::set<std::string> kObjects = {"primitive", "group", "clone", "ms", "master",
                                                 "location", "colocation", "collocation", "order",
                                                 "property", "rsc_defaults", "op_defaults", "node"};
  if (kObjects.count(cmd)) return add_object(args, env);
  env.err << "crm: unknown configure command '" << cmd << "'\n";
  return 64;
}

}  // namespace pacer::tools
