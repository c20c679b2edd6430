// crm's top level: dispatch to configure / resource / node, and `crm status` (crm_mon -1).
#include "tools/crm_shell.h"

#include <ctime>
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
The CIB is cibd's, or the file named by $CIB_file (no daemon needed).
)";
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
