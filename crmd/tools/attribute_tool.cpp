// crm_attribute, crm_standby, crm_failcount, crm_master; see attribute_tool.h.
#include "crmd/tools/attribute_tool.h"

#include <fmt/format.h>

#include "crmd/tools/attribute_location.h"
#include "crmd/tools/tool_options.h"

namespace pacer::crmd::tools {
namespace {

const std::vector<OptionSpec> kOptions = {
    {'n', "attr-name", true},  {'v', "attr-value", true}, {'G', "get-value", false},
    {'D', "delete-attr", false}, {'t', "type", true},     {'N', "node-uname", true},
    {'U', "uname", true},      {'u', "node-uuid", true},  {'l', "lifetime", true},
    {'s', "set-name", true},   {'i', "attr-id", true},    {'d', "default", true},
    {'q', "quiet", false},     {'Q', "Quiet", false},     {'r', "resource-id", true},
    {'V', "verbose", false},   {'h', "help", false},      {'?', "help-all", false},
    {'p', "promotion", false, true},
};

const char* usage(AttributeTool tool) {
  switch (tool) {
    case AttributeTool::crm_standby:
      return "usage: crm_standby [-N|-U node] (-G | -D | -v on|off) [-l reboot|forever]\n";
    case AttributeTool::crm_failcount:
      return "usage: crm_failcount -r resource [-N|-U node] (-G | -D | -v value)\n";
    case AttributeTool::crm_master:
      return "usage: crm_master [-r resource] (-G | -D | -v value) [-l reboot|forever] [-N node] [-Q]\n";
    default:
      return "usage: crm_attribute (-n name | -p [resource]) (-G | -D | -v value) [-t nodes|crm_config|status] "
             "[-N|-U node] [-u uuid] [-l reboot|forever] [-s set] [-i id] [-d default] [-q]\n";
  }
}

}  // namespace

int run_attribute_tool(AttributeTool tool, const std::vector<std::string>& args, ToolContext& ctx) {
  auto parsed = parse_options(args, kOptions);
  if (!parsed) {
    ctx.err << parsed.status().message() << "\n" << usage(tool);
    return 1;
  }
  const ParsedOptions& o = *parsed;
  if (o.has('h') || o.has('?')) {
    ctx.out << usage(tool);
    return 0;
  }
  std::optional<std::string> node = o.value('N');
  if (!node) node = o.value('U');
  std::optional<std::string> lifetime = o.value('l');
  std::optional<std::string> type = o.value('t');
  std::optional<std::string> default_value = o.value('d');
  std::string name = o.value('n').value_or("");
  bool quiet = o.has('q') || o.has('Q');
  // The promotion score of a master/slave resource: master-<rsc> on this node, for this boot
  // unless -l forever says otherwise. `rsc` defaults to the agent's OCF_RESOURCE_INSTANCE.
  auto promotion_score = [&](std::optional<std::string> rsc) {
    if (!rsc) rsc = ctx.getenv("OCF_RESOURCE_INSTANCE");
    if (!rsc) {
      ctx.err << (tool == AttributeTool::crm_master ? "crm_master" : "crm_attribute")
              << ": this command must be run from a resource agent (or name the resource)\n";
      return false;
    }
    // A clone instance "prmStateful:0" shares the master score of its primitive.
    name = "master-" + rsc->substr(0, rsc->find(':'));
    if (!node) node = ctx.local_node;
    if (!type) type = lifetime.value_or("reboot") == "forever" ? "nodes" : "status";
    return true;
  };

  switch (tool) {
    case AttributeTool::crm_standby:
      name = "standby";
      if (!node) node = ctx.local_node;
      if (!type) type = lifetime.value_or("forever") == "reboot" ? "status" : "nodes";
      if (!default_value) default_value = "off";
      break;
    case AttributeTool::crm_failcount: {
      auto rsc = o.value('r');
      if (!rsc) {
        ctx.err << "crm_failcount: a resource (-r) is required\n" << usage(tool);
        return 1;
      }
      name = "fail-count-" + *rsc;
      if (!node) node = ctx.local_node;
      type = "status";
      if (!default_value) default_value = "0";
      break;
    }
    case AttributeTool::crm_master:
      if (!promotion_score(o.value('r'))) return 1;
      break;
    case AttributeTool::crm_attribute:
      // -p/--promotion (Pacemaker 2.x; what agents call when they find no crm_master) is
      // crm_master's attribute.
      if (o.has('p')) {
        if (!promotion_score(o.value('p'))) return 1;
        break;
      }
      if (!type) type = lifetime ? (*lifetime == "reboot" ? "status" : "nodes") : (node || o.has('u') ? "nodes" : "crm_config");
      break;
  }
  if (name.empty()) {
    ctx.err << "Please specify an attribute name (-n)\n" << usage(tool);
    return 1;
  }
  int commands = (o.has('G') ? 1 : 0) + (o.has('D') ? 1 : 0) + (o.has('v') ? 1 : 0);
  if (commands != 1) {
    ctx.err << "Please choose exactly one of -G, -D and -v\n" << usage(tool);
    return 1;
  }
  auto section = parse_section(*type);
  if (!section) {
    ctx.err << fmt::format("Unknown type '{}': use nodes, crm_config or status\n", *type);
    return 1;
  }

  cib::CibRequest query;
  auto current = ctx.cib.perform(query);
  if (!current) {
    ctx.err << fmt::format("Error signing on to the CIB service: {}\n", current.status().message());
    return 1;
  }
  auto doc = XmlDocument::parse(current->output, "cib");
  if (!doc) {
    ctx.err << doc.status().message() << "\n";
    return 1;
  }
  AttributeTarget target;
  target.section = *section;
  target.name = name;
  target.set_id = o.value('s').value_or("");
  target.id = o.value('i').value_or("");
  if (*section != AttributeSection::crm_config) {
    if (auto uuid = o.value('u')) {
      target.node_uuid = *uuid;
    } else {
      auto found = find_node_uuid(*doc, node.value_or(ctx.local_node));
      if (!found) {
        ctx.err << "Error performing operation: " << found.status().message() << "\n";
        return 1;
      }
      target.node_uuid = *found;
    }
  }

  if (o.has('G')) {
    auto existing = find_attribute(*doc, target);
    std::optional<std::string> value = existing ? existing->attribute("value") : default_value;
    if (!value) {
      if (!quiet) ctx.out << fmt::format("name={} value=(null)\n", name);
      ctx.err << "Error performing operation: The object/attribute does not exist\n";
      return kExitNotExists;
    }
    if (quiet) ctx.out << *value << "\n";
    else ctx.out << fmt::format("name={} value={}\n", name, *value);
    return 0;
  }
  cib::CibRequest request = o.has('D') ? delete_attribute_request(target)
                                       : set_attribute_request(*doc, target, *o.value('v'));
  if (auto r = ctx.cib.perform(request); !r) {
    ctx.err << "Error performing operation: " << r.status().message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace pacer::crmd::tools
