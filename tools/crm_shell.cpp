// crm's top level: dispatch to configure / resource / node, and `crm status` (crm_mon -1).
#include "tools/crm_shell.h"

#include <ctime>
#include <libxml/tree.h>
#include <ostream>

#include "tools/cluster_view.h"
#include "tools/crm_cib_edit.h"
#include "tools/crm_mon_text.h"

namespace pacer::tools {

std::string crm_usage() {
  return R"(crm - the cluster shell (Pacemaker 1.0 subset)

Usage: crm <command> [arguments]
  status                                   the cluster's state (as crm_mon -1)
  configure show [xml] [ID...]             the configuration in crm syntax (or XML)
  configure load update|replace FILE       load a crm file (pm_crmgen output); - reads stdin
  configure edit                           edit the configuration in $EDITOR
  configure verify                         check the configuration
  configure property|rsc_defaults|op_defaults NAME=VALUE...
  configure primitive|group|clone|ms|location|colocation|order|node ...   add one object
  configure delete ID...                   remove objects (and constraints naming them)
  resource start|stop RSC                  set target-role
  resource move|migrate RSC [NODE]         prefer NODE (or leave the current node)
  resource unmove|unmigrate RSC            drop the move constraint
  resource cleanup RSC [NODE]              forget the operation history and fail count
  resource status|list [RSC]               where resources run
  resource failcount RSC set|delete|show NODE [VALUE]
  node list                                nodes and their attributes
  node standby|online [NODE]               (default: this node)
  node attribute NODE set|delete|show NAME [VALUE]
The CIB is cibd's (run crm on any node of the running cluster), or the file
named by $CIB_file (no daemon needed; crm creates an empty CIB there if the
file does not exist).
Example: crm configure load update my-cluster.crm && crm_mon -fA1
)";
}

std::string crm_empty_cib() {
  return "<cib validate-with=\"pacemaker-1.0\" epoch=\"0\" num_updates=\"0\" admin_epoch=\"0\">\n"
         "  <configuration>\n    <crm_config/>\n    <nodes/>\n    <resources/>\n    <constraints/>\n"
         "  </configuration>\n  <status/>\n</cib>\n";
}

Result<XmlDocument> crm_fetch_cib(CrmEnvironment& env) {
  auto reply = env.cib.perform(cib::CibRequest{});
  if (!reply) return reply.status();
  return XmlDocument::parse(reply->output, env.cib.describe());
}

Status crm_write_section(CrmEnvironment& env, XmlNode section) {
  cib::CibRequest request;
  request.operation = cib::CibOperation::replace;
  request.section = std::string(section.name());
  request.data = element_xml(section);
  auto reply = env.cib.perform(request);
  return reply ? Status::ok() : reply.status();
}

std::string crm_xpath_of(XmlNode element) {
  std::string path;
  for (std::optional<XmlNode> e = element; e; e = e->parent()) {
    if (e->get()->type != XML_ELEMENT_NODE) break;
    std::string step = std::string(e->name());
    if (auto id = e->attribute("id")) {
      step += "[@id='" + *id + "']";
    } else if (auto up = e->parent(); up && up->get()->type == XML_ELEMENT_NODE) {
      auto siblings = up->children(e->name());
      if (siblings.size() > 1) {
        std::size_t index = 0;
        while (index < siblings.size() && siblings[index].get() != e->get()) ++index;
        step += "[" + std::to_string(index + 1) + "]";
      }
    }
    path = "/" + step + path;
  }
  return path;
}

Status crm_set_element(CrmEnvironment& env, XmlNode element) {
  // The chain from the section's child down to the element.
  std::vector<XmlNode> chain{element};
  while (true) {
    auto up = chain.back().parent();
    if (!up) return Status::error("crm: the element is not inside a CIB section");
    auto above = up->parent();
    if (!above || above->get()->type != XML_ELEMENT_NODE) return Status::error("crm: cannot write a whole section");
    std::string_view above_name = above->name();
    if (above_name == "cib" || above_name == "configuration") break;  // *up is the section
    chain.push_back(*up);
  }
  std::string section(chain.back().parent()->name());
  auto doc = XmlDocument::with_root(chain.back().name());
  XmlNode out = doc.root();
  for (std::size_t i = chain.size(); i-- > 0;) {
    XmlNode source = chain[i];
    if (i + 1 != chain.size()) out = out.append_child(source.name());
    if (i == 0) {
      for (xmlAttrPtr a = source.get()->properties; a != nullptr; a = a->next) {
        std::string name(reinterpret_cast<const char*>(a->name));
        out.set_attribute(name, source.attribute(name).value_or(""));
      }
      for (XmlNode child : source.children()) out.append_copy(child);
    } else if (auto id = source.attribute("id")) {
      out.set_attribute("id", *id);
    }
  }
  cib::CibRequest request;
  request.operation = cib::CibOperation::modify;
  request.section = section;
  request.data = element_xml(doc.root());
  request.can_create = true;
  auto reply = env.cib.perform(request);
  return reply ? Status::ok() : reply.status();
}

Status crm_remove_element(CrmEnvironment& env, XmlNode element) {
  cib::CibRequest request;
  request.operation = cib::CibOperation::remove;
  request.xpath = crm_xpath_of(element);
  auto reply = env.cib.perform(request);
  return reply ? Status::ok() : reply.status();
}

namespace {

int status(CrmEnvironment& env) {
  auto cib = crm_fetch_cib(env);
  if (!cib) {
    env.err << "crm: " << cib.error_message() << "\n";
    return 1;
  }
  auto view = build_cluster_view(*cib);
  if (!view) {
    env.err << "crm: " << view.error_message() << "\n";
    return 1;
  }
  MonitorDisplay display;
  display.last_updated = ctime_text(std::time(nullptr));
  env.out << format_monitor_text(*view, display);
  return 0;
}

}  // namespace

int run_crm_command(const std::vector<std::string>& args, CrmEnvironment& env) {
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    env.out << crm_usage();
    return args.empty() ? 64 : 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "status") return status(env);
  if (args[0] == "configure") return crm_configure(rest, env);
  if (args[0] == "resource") return crm_resource(rest, env);
  if (args[0] == "node") return crm_node(rest, env);
  env.err << "crm: unknown command '" << args[0] << "'\n" << crm_usage();
  return 64;
}

}  // namespace pacer::tools
