// crm_resource; see resource_tool.h.
#include "crmd/tools/resource_tool.h"

#include <fmt/format.h>

#include "cibd/cib_errors.h"
#include "crmd/tools/attribute_location.h"
#include "crmd/tools/resource_state.h"
#include "crmd/tools/tool_options.h"

namespace pacer::crmd::tools {
namespace {

const std::vector<OptionSpec> kOptions = {
    {'L', "list", false},          {'W', "locate", false},          {'r', "resource", true},
    {'M', "migrate", false},       {'U', "un-migrate", false},      {'N', "node", true},
    {'H', "host-uname", true},     {'C', "cleanup", false},         {'P', "reprobe", false},
    {'p', "set-parameter", true},  {'g', "get-parameter", true},    {'d', "delete-parameter", true},
    {'v', "parameter-value", true}, {'m', "meta", false},           {'F', "fail", false},
    {'Q', "quiet", false},         {'t', "resource-type", true},    {'f', "force", false},
    {'V', "verbose", false},       {'h', "help", false},
};

constexpr const char* kUsage =
    "usage: crm_resource (-L | -W -r rsc | -M -r rsc [-N node] | -U -r rsc | -C -r rsc [-N node] | -P [-N node]"
    " | -r rsc (-p name -v value | -g name | -d name) [--meta])\n";

int fail(ToolContext& ctx, const std::string& message, int code = 1) {
  ctx.err << "Error performing operation: " << message << "\n";
  return code;
}

Status apply(ToolContext& ctx, const cib::CibRequest& request) {
  auto r = ctx.cib.perform(request);
  return r ? Status::ok() : r.status();
}

cib::CibRequest remove_xpath(const std::string& xpath) {
  cib::CibRequest request;
  request.operation = cib::CibOperation::remove;
  request.xpath = xpath;
  request.multiple = true;
  return request;
}

std::optional<XmlNode> find_resource(const XmlDocument& cib, const std::string& id) {
  auto found = cib.select(fmt::format("/cib/configuration/resources//*[@id='{}' and (self::primitive or "
                                      "self::group or self::clone or self::master)]",
                                      id));
  if (!found || found->empty()) return std::nullopt;
  return found->front();
}

int move(ToolContext& ctx, const XmlDocument& cib, const std::string& rsc, const std::optional<std::string>& node) {
  std::string xml;
  if (node) {
    xml = fmt::format(R"(<rsc_location id="cli-prefer-{0}" rsc="{0}"><rule id="cli-prefer-rule-{0}" score="INFINITY">)"
                      R"(<expression id="cli-prefer-expr-{0}" attribute="#uname" operation="eq" value="{1}" type="string"/>)"
                      R"(</rule></rsc_location>)",
                      rsc, *node);
  } else {
    auto where = active_nodes(cib, rsc);
    if (where.empty())
      return fail(ctx, fmt::format("Resource {} not moved: not-active and no preferred location specified.", rsc));
    xml = fmt::format(R"(<rsc_location id="cli-standby-{0}" rsc="{0}"><rule id="cli-standby-rule-{0}" score="-INFINITY">)"
                      R"(<expression id="cli-standby-expr-{0}" attribute="#uname" operation="eq" value="{1}" type="string"/>)"
                      R"(</rule></rsc_location>)",
                      rsc, where.front());
  }
  cib::CibRequest request;
  request.operation = cib::CibOperation::modify;
  request.section = "constraints";
  request.can_create = true;
  request.data = "<constraints>" + xml + "</constraints>";
  // A previous move's rule is replaced, not merged into.
  (void)apply(ctx, remove_xpath(fmt::format("//rsc_location[@id='cli-prefer-{0}' or @id='cli-standby-{0}']", rsc)));
  if (Status s = apply(ctx, request); !s) return fail(ctx, s.message());
  return 0;
}

int cleanup(ToolContext& ctx, const XmlDocument& cib, const std::string& rsc, const std::optional<std::string>& node) {
  auto states = cib.select("/cib/status/node_state");
  if (!states) return fail(ctx, states.status().message());
  for (XmlNode state : *states) {
    std::string uname = state.attribute("uname").value_or("");
    std::string uuid = state.attribute("id").value_or("");
    if (node && uname != *node) continue;
    if (!node && !state.first_child("lrm")) continue;
    ctx.out << fmt::format("Cleaning up {} on {}\n", rsc, uname);
    for (const char* attr : {"fail-count-", "last-failure-"}) {
      // attrd first: the node's attrd holds the value and would write it back at the next join.
      if (ctx.delete_attribute)
        if (Status s = ctx.delete_attribute(attr + rsc, uname); !s)
          ctx.err << fmt::format("warning: attrd did not forget {}{} on {}: {}\n", attr, rsc, uname, s.message());
      AttributeTarget t{AttributeSection::status, uuid, "", attr + rsc, ""};
      // attrd may have removed it from the CIB already: gone is what was asked for.
      if (Status s = apply(ctx, delete_attribute_request(t)); !s && cib::cib_error_kind(s) != cib::CibErrorKind::no_such_object)
        return fail(ctx, s.message());
    }
    if (Status s = apply(ctx, remove_xpath(fmt::format("/cib/status/node_state[@id='{}']/lrm/lrm_resources/"
                                                       "lrm_resource[@id='{}']",
                                                       uuid, rsc)));
        !s && cib::cib_error_kind(s) != cib::CibErrorKind::no_such_object)
      return fail(ctx, s.message());
  }
  return 0;
}

int parameter(ToolContext& ctx, const XmlDocument& cib, XmlNode resource, const ParsedOptions& o) {
  std::string rsc = resource.attribute("id").value_or("");
  std::string set_tag = o.has('m') ? "meta_attributes" : "instance_attributes";
  std::string set_id = rsc + (o.has('m') ? "-meta_attributes" : "-instance_attributes");
  std::string base = fmt::format("/cib/configuration/resources//{}[@id='{}']/{}", resource.name(), rsc, set_tag);
  auto name = o.value('p') ? o.value('p') : o.value('g') ? o.value('g') : o.value('d');
  auto existing = cib.select(fmt::format("{}/nvpair[@name='{}']", base, *name));
  bool exists = existing && !existing->empty();
  if (o.has('g')) {
    if (!exists) return fail(ctx, "The object/attribute does not exist", kExitNotExists);
    ctx.out << existing->front().attribute("value").value_or("") << "\n";
    return 0;
  }
  if (o.has('d')) {
    if (Status s = apply(ctx, remove_xpath(fmt::format("{}/nvpair[@name='{}']", base, *name))); !s)
      return fail(ctx, s.message());
    return 0;
  }
  if (!o.has('v')) return fail(ctx, "-p needs a value (-v)");
  std::string id = exists ? existing->front().attribute("id").value_or("") : set_id + "-" + *name;
  if (exists)
    if (auto parent = existing->front().parent()) set_id = parent->attribute("id").value_or(set_id);
  XmlDocument data = XmlDocument::with_root(resource.name());
  data.root().set_attribute("id", rsc);
  XmlNode set = data.root().append_child(set_tag);
  set.set_attribute("id", set_id);
  XmlNode nvpair = set.append_child("nvpair");
  nvpair.set_attribute("id", id);
  nvpair.set_attribute("name", *name);
  nvpair.set_attribute("value", *o.value('v'));
  cib::CibRequest request;
  request.operation = cib::CibOperation::modify;
  request.xpath = fmt::format("/cib/configuration/resources//{}[@id='{}']", resource.name(), rsc);
  request.data = data.serialize();
  if (Status s = apply(ctx, request); !s) return fail(ctx, s.message());
  return 0;
}

}  // namespace

int run_resource_tool(const std::vector<std::string>& args, ToolContext& ctx) {
  auto parsed = parse_options(args, kOptions);
  if (!parsed) {
    ctx.err << parsed.status().message() << "\n" << kUsage;
    return 1;
  }
  const ParsedOptions& o = *parsed;
  if (o.has('h')) {
    ctx.out << kUsage;
    return 0;
  }
  auto current = ctx.cib.perform(cib::CibRequest{});
  if (!current) {
    ctx.err << fmt::format("Error signing on to the CIB service: {}\n", current.status().message());
    return 1;
  }
  auto cib = XmlDocument::parse(current->output, "cib");
  if (!cib) return fail(ctx, cib.status().message());
  std::optional<std::string> node = o.value('N') ? o.value('N') : o.value('H');

  if (o.has('L')) {
    ctx.out << list_resources(*cib);
    return 0;
  }
  if (o.has('P')) {
    auto states = cib->select("/cib/status/node_state");
    for (XmlNode state : states ? *states : std::vector<XmlNode>{}) {
      if (node && state.attribute("uname") != node) continue;
      if (Status s = apply(ctx, remove_xpath(fmt::format("/cib/status/node_state[@id='{}']/lrm",
                                                         state.attribute("id").value_or(""))));
          !s)
        return fail(ctx, s.message());
    }
    return 0;
  }
  auto rsc = o.value('r');
  if (!rsc) {
    ctx.err << "Must supply a resource id with -r\n" << kUsage;
    return 1;
  }
  auto resource = find_resource(*cib, *rsc);
  if (!resource) return fail(ctx, "The object/attribute does not exist", kExitNotExists);
  if (o.has('W')) {
    auto where = active_nodes(*cib, *rsc);
    if (where.empty()) ctx.out << fmt::format("resource {} is NOT running\n", *rsc);
    for (const auto& n : where) ctx.out << fmt::format("resource {} is running on: {}\n", *rsc, n);
    return 0;
  }
  if (o.has('M')) return move(ctx, *cib, *rsc, node);
  if (o.has('U')) {
    if (Status s = apply(ctx, remove_xpath(fmt::format("//rsc_location[@id='cli-prefer-{0}' or @id='cli-standby-{0}']",
                                                       *rsc)));
        !s)
      return fail(ctx, s.message());
    return 0;
  }
  if (o.has('C')) return cleanup(ctx, *cib, *rsc, node);
  if (o.has('p') || o.has('g') || o.has('d')) return parameter(ctx, *cib, *resource, o);
  if (o.has('F')) {
    if (!node) {
      ctx.err << "Please supply a hostname with -H\n";
      return 1;
    }
    if (!ctx.fail_resource) return fail(ctx, "crmd cannot be reached");
    Status s = ctx.fail_resource(*rsc, *node);
    return s ? 0 : fail(ctx, s.message());
  }
  ctx.err << kUsage;
  return 1;
}

}  // namespace pacer::crmd::tools
