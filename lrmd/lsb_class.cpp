// Init scripts through the OCF lens: status exit codes mapped, missing actions answered with 3.
#include "lrmd/lsb_class.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "lrmd/agent_files.h"

namespace pacer::lrmd {
namespace {

bool is_status(const std::string& action) { return action == "monitor" || action == "status"; }

bool lsb_has(const std::string& action) {
  return action == "start" || action == "stop" || action == "restart" || is_status(action) ||
         action == "force-reload";
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The value of "# Key: value" inside the LSB header block.
std::string header_value(std::string_view text, std::string_view key) {
  std::istringstream in{std::string(text)};
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("### BEGIN INIT INFO", 0) == 0) inside = true;
    else if (line.rfind("### END INIT INFO", 0) == 0) break;
    else if (inside) {
      std::string prefix = fmt::format("# {}:", key);
      if (line.rfind(prefix, 0) == 0) {
        std::string value = line.substr(prefix.size());
        size_t start = value.find_first_not_of(" \t");
        return start == std::string::npos ? "" : value.substr(start);
      }
    }
  }
  return "";
}

}  // namespace

std::string lsb_metadata(std::string_view name, std::string_view script_text) {
  std::string shortdesc = header_value(script_text, "Short-Description");
  std::string longdesc = header_value(script_text, "Description");
  if (longdesc.empty()) longdesc = shortdesc;
  return fmt::format(
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n"
      "<resource-agent name=\"{0}\" version=\"0.1\">\n"
      "  <version>1.0</version>\n"
      "  <longdesc lang=\"en\">{1}</longdesc>\n"
      "  <shortdesc lang=\"en\">{2}</shortdesc>\n"
      "  <parameters/>\n"
      "  <actions>\n"
      "    <action name=\"start\" timeout=\"15s\"/>\n"
      "    <action name=\"stop\" timeout=\"15s\"/>\n"
      "    <action name=\"status\" timeout=\"15s\"/>\n"
      "    <action name=\"restart\" timeout=\"15s\"/>\n"
      "    <action name=\"force-reload\" timeout=\"15s\"/>\n"
      "    <action name=\"monitor\" timeout=\"15s\" interval=\"15s\"/>\n"
      "    <action name=\"meta-data\" timeout=\"5s\"/>\n"
      "  </actions>\n"
      "  <special tag=\"LSB\"/>\n"
      "</resource-agent>\n",
      xml_escape(name), xml_escape(longdesc), xml_escape(shortdesc));
}

Status LsbClass::validate(const ResourceSpec& spec) const {
  if (!safe_component(spec.type))
    return Status::error(fmt::format("resource {}: bad init script name '{}'", spec.id, spec.type));
  return Status::ok();
}

OperationPlan LsbClass::plan(const ResourceSpec& resource, const OperationRequest& request,
                             Millis) const {
  std::string path = init_dir_ + "/" + resource.type;
  if (auto missing = check_agent_file(path)) return *missing;
  if (request.operation == "meta-data") {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return ImmediateOutcome{rc::ok, OpStatus::done, lsb_metadata(resource.type, text.str())};
  }
  if (request.operation == "validate-all") return ImmediateOutcome{rc::ok, OpStatus::done, ""};
  if (!lsb_has(request.operation))
    return ImmediateOutcome{rc::unimplemented, OpStatus::done,
                            fmt::format("lsb:{} has no action {}", resource.type,
                                        request.operation)};
  std::string action = is_status(request.operation) ? "status" : request.operation;
  return ExecPlan{{path, action}, lsb_environment(resource, options_)};
}

int LsbClass::map_exit(const OperationRequest& request, int exit_code) const {
  if (is_status(request.operation)) {
    switch (exit_code) {
      case 0: return rc::ok;
      case 1:
      case 2:
      case 3: return rc::not_running;
      case 5: return rc::not_installed;
      default: return rc::err_generic;
    }
  }
  return (exit_code >= 0 && exit_code <= 7) ? exit_code : rc::err_generic;
}

Result<std::vector<std::string>> LsbClass::types(const std::string&) const {
  return list_entries(init_dir_, true);
}

Result<std::vector<std::string>> LsbClass::providers(const std::string&) const {
  return std::vector<std::string>{};
}

}  // namespace pacer::lrmd
