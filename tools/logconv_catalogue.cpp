// The catalogue as a table. Texts are pm_logconv-hb 1.x's operator messages as the spec gives
// them; inputs are Heartbeat 3 / Pacemaker 1.0 log lines (common/log.h writes pacer's in the same
// layout).
#include "tools/logconv_catalogue.h"

#include <functional>

#include <fmt/format.h>

namespace pacer::tools {
namespace {

using Handler = std::function<std::optional<CatalogueMatch>(const LogLine&, CatalogueState&)>;

struct Entry {
  const char* id;
  const char* process;  // "" = any
  Handler handler;
};

CatalogueMatch said(const char* id, std::string level, std::string text) {
  return {id, LogconvMessage{std::move(level), std::move(text)}};
}
CatalogueMatch silent(const char* id) { return {id, std::nullopt}; }

std::string basename_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool starts(std::string_view text, std::string_view prefix) { return text.starts_with(prefix); }
bool has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

const std::set<std::string> kTriedOps = {"start", "stop", "promote", "demote", "migrate_to", "migrate_from"};

std::string done_word(const std::string& op) {
  if (op == "start") return "started";
  if (op == "stop") return "stopped";
  if (op == "promote") return "promoted";
  if (op == "demote") return "demoted";
  if (op == "migrate_to") return "migrated_to";
  return "migrated_from";
}

bool excluded_attribute(std::string_view name) {
  return name.starts_with("fail-count-") || name.starts_with("last-failure-") ||
         name.starts_with("master-") || name == "probe_complete" || name == "shutdown";
}

// "Managed <path> process <pid> <rest>" -> (basename, pid, rest)
std::optional<std::tuple<std::string, std::string, std::string>> managed(std::string_view text) {
  auto body = text_between(text, "Managed ", "");
  if (!body) return std::nullopt;
  auto proc = body->find(" process ");
  if (proc == std::string::npos) return std::nullopt;
  std::string path = body->substr(0, proc);
  std::string rest = body->substr(proc + 9);
  auto space = rest.find(' ');
  if (space == std::string::npos) return std::nullopt;
  return std::tuple{basename_of(path), rest.substr(0, space), rest.substr(space + 1)};
}

// The resource-operation entries share one handler for process_lrm_event lines.
std::optional<CatalogueMatch> lrm_event(const LogLine& l, CatalogueState& state) {
  if (!starts(l.text, "process_lrm_event: LRM operation ")) return std::nullopt;
  std::string rest = l.text.substr(33);
  auto space = rest.find(' ');
  auto key = parse_op_key(rest.substr(0, space));
  if (!key) return std::nullopt;
  if (has(rest, ") Timed Out (")) {
    state.timed_out.erase({key->rsc, key->op});
    return said("1-4", "ERROR", fmt::format("Resource {} failed to {}. (Timed Out)", key->rsc, key->op));
  }
  auto rc_text = text_between(rest, "rc=", ",");
  if (!rc_text) return std::nullopt;
  int rc = std::atoi(rc_text->c_str());
  if (key->op == "monitor") {
    if (key->interval_ms == 0 || rc == 0 || rc == 8) return silent("1-2");
    if (rc == 7) return said("3-2", "ERROR", fmt::format("Resource {} does not work. (rc=7)", key->rsc));
    return said("1-3", "ERROR", fmt::format("Resource {} failed to monitor. (rc={})", key->rsc, rc));
  }
  if (!kTriedOps.count(key->op)) return silent("1-2");
  if (rc == 0) return said("1-2", "info", fmt::format("Resource {} {}. (rc=0)", key->rsc, done_word(key->op)));
  if (state.timed_out.erase({key->rsc, key->op}))
    return said("1-3", "ERROR", fmt::format("Resource {} failed to {}. (Timed Out)", key->rsc, key->op));
  return said("1-3", "ERROR", fmt::format("Resource {} failed to {}. (rc={})", key->rsc, key->op, rc));
}

const std::vector<Entry>& table() {
  static const std::vector<Entry> entries = {
      // Resources.
      {"1-1", "crmd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "do_lrm_rsc_op: Performing key=")) return std::nullopt;
         auto key_text = text_between(l.text, "op=", " ");
         if (!key_text) key_text = text_between(l.text, "op=", "");
         auto key = key_text ? parse_op_key(*key_text) : std::nullopt;
         if (!key || !kTriedOps.count(key->op)) return silent("1-1");
         return said("1-1", "info", fmt::format("Resource {} tries to {}.", key->rsc, key->op));
       }},
      {"1-2", "crmd", lrm_event},
      {"17-4", "stonithd", [](const LogLine& l, CatalogueState& state) -> std::optional<CatalogueMatch> {
         if (!has(l.text, " process (PID ") || !has(l.text, " timed out (try ")) return std::nullopt;
         std::string name = l.text.substr(0, l.text.find(' '));
         size_t op_sep = name.rfind('_');
         size_t class_sep = name.find('_');
         if (op_sep == std::string::npos || class_sep == op_sep) return silent("17-4");
         state.timed_out.insert({name.substr(class_sep + 1, op_sep - class_sep - 1), name.substr(op_sep + 1)});
         return silent("17-4");
       }},
      // Nodes, links, networks, disks.
      {"6-1", "crmd", [](const LogLine& l, CatalogueState& state) -> std::optional<CatalogueMatch> {
         auto node = text_between(l.text, "crmd_ha_status_callback: Status update: Node ", " now has status [");
         if (!node) return std::nullopt;
         if (state.ping_hosts.count(*node)) return silent("6-1");
         if (has(l.text, "now has status [dead]")) return said("6-1", "WARN", fmt::format("Node {} is lost.", *node));
         if (has(l.text, "now has status [active]")) return said("6-2", "info", fmt::format("Node {} is member.", *node));
         return silent("6-1");
       }},
      {"6-3", "pengine", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "determine_online_status: Node ")) return std::nullopt;
         return silent("6-3");  // the fail-over tracker records it
       }},
      {"7-1", "heartbeat", [](const LogLine& l, CatalogueState& state) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "Link ")) return std::nullopt;
         bool dead = l.text.ends_with(" dead.");
         bool up = l.text.ends_with(" up.");
         if (!dead && !up) return std::nullopt;
         std::string link = l.text.substr(5, l.text.size() - 5 - (dead ? 6 : 4));
         if (state.ping_hosts.count(link.substr(0, link.find(':')))) return silent(dead ? "7-1" : "7-2");
         if (dead) return said("7-1", "WARN", fmt::format("Link {} is FAULTY.", link));
         return said("7-2", "info", fmt::format("Link {} is up.", link));
       }},
      {"8-1", "pingd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         auto ip = text_between(l.text, "stand_alone_ping: Node ", " is unreachable");
         if (!ip) return std::nullopt;
         return said("8-1", "ERROR", fmt::format("Network to {} is unreachable.", *ip));
       }},
      {"9-1", "diskd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "check_status: disk status is changed")) return std::nullopt;
         auto attr = text_between(l.text, "attr_name=", ",");
         auto target = text_between(l.text, "target=", ",");
         auto status = text_between(l.text, "new_status=", "");
         if (!attr || !target || !status || *status != "ERROR") return silent("9-1");
         return said("9-1", "ERROR", fmt::format("Disk connection to {} is ERROR. (attr_name={})", *target, *attr));
       }},
      {"22-1", "attrd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (auto update = text_between(l.text, "attrd_perform_update: Sent update ", "")) {
           auto colon = update->find(": ");
           auto eq = update->find('=', colon == std::string::npos ? 0 : colon);
           if (colon == std::string::npos || eq == std::string::npos) return silent("22-1");
           std::string name = update->substr(colon + 2, eq - colon - 2);
           if (excluded_attribute(name)) return silent("22-1");
           return said("22-1", "info", fmt::format("Attribute \"{}\" is updated to \"{}\".", name, update->substr(eq + 1)));
         }
         if (has(l.text, "Sent delete ")) {
           auto name = text_between(l.text, "attr=", ",");
           if (!name) name = text_between(l.text, "attr=", "");
           if (!name || excluded_attribute(*name)) return silent("22-2");
           return said("22-2", "info", fmt::format("Attribute \"{}\" is deleted.", *name));
         }
         return std::nullopt;
       }},
      {"22-3", "crmd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "abort_transition_graph:") || !has(l.text, "Transient attribute: update")) return std::nullopt;
         return silent("22-3");  // the fail-over tracker records it
       }},
      // Processes.
      {"10-1", "heartbeat", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "Starting \"")) return std::nullopt;
         auto command = text_between(l.text, "Starting \"", "\"");
         auto pid = text_between(l.text, "(pid ", ")");
         if (!command || !pid) return std::nullopt;
         return said("10-1", "info", fmt::format("Start \"{}\" process. (pid={})", basename_of(command->substr(0, command->find(' '))), *pid));
       }},
      {"10-2", "heartbeat", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         auto m = managed(l.text);
         if (!m) return std::nullopt;
         auto& [name, pid, rest] = *m;
         if (auto rc = text_between(rest, "exited with return code ", ".")) 
           return said("10-2", "WARN", fmt::format("Managed \"{}\" process exited. (pid={}, rc={})", name, pid, *rc));
         if (auto sig = text_between(rest, "killed by signal ", " "))
           return said("10-3", output_level(l.level), fmt::format("Managed \"{}\" process terminated with signal {}. (pid={})", name, *sig, pid));
         if (auto sig = text_between(rest, "killed by signal ", ""))
           return said("10-3", output_level(l.level), fmt::format("Managed \"{}\" process terminated with signal {}. (pid={})", name, *sig, pid));
         if (starts(rest, "dumped core"))
           return said("10-4", "WARN", fmt::format("Managed \"{}\" process dumped core. (pid={})", name, pid));
         if (starts(rest, "went away strangely"))
           return said("10-5", "WARN", fmt::format("Managed \"{}\" process went away strangely. (pid={})", name, pid));
         return std::nullopt;
       }},
      {"10-6", "heartbeat", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         auto path = text_between(l.text, "killing ", " process group ");
         auto group = text_between(l.text, " process group ", " with signal");
         if (!path || !group || !starts(l.text, "killing ")) return std::nullopt;
         return said("10-6", "info", fmt::format("Stop \"{}\" process normally. (pid={})", basename_of(*path), *group));
       }},
      {"10-7", "heartbeat", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         auto path = text_between(l.text, "Client ", " \"respawning too fast\"");
         if (!path || !starts(l.text, "Client ")) return std::nullopt;
         return said("10-7", "ERROR", fmt::format("Respawn count exceeded by \"{}\".", basename_of(*path)));
       }},
      {"29-1", "crmd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "start_subsystem: Starting sub-system \"pengine\"")) return std::nullopt;
         return said("29-1", "info", "Start \"pengine\" process.");
       }},
      {"29-2", "crmd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         auto pid = text_between(l.text, "crmdManagedChildDied: Process pengine:[", "]");
         auto sig = text_between(l.text, "(signal=", ",");
         if (!pid || !sig) return std::nullopt;
         if (*sig == "0") return said("29-2", "info", fmt::format("Stop \"pengine\" process normally. (pid={})", *pid));
         return said("29-3", "ERROR", fmt::format("Managed \"pengine\" process terminated with signal {}. (pid={})", *sig, *pid));
       }},
      {"28-1", "heartbeat", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         static const std::pair<const char*, const char*> lines[] = {
             {"28-1", "Restarting HBFIFO process."}, {"28-2", "HBFIFO restart failed."},
             {"28-3", "HBWRITE process died."}, {"28-4", "HBREAD process died."},
             {"28-5", "Both comm processes for channel "}, {"28-6", "Communications restart "}};
         for (auto& [id, prefix] : lines) {
           if (!starts(l.text, prefix)) continue;
           bool warn = std::string_view(id) == "28-3" || std::string_view(id) == "28-4";
           return said(id, warn ? "WARN" : output_level(l.level), l.text);
         }
         return std::nullopt;
       }},
      {"30-1", "heartbeat", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (l.text == "Emergency Shutdown: Master Control process died.") return said("30-1", "ERROR", l.text);
         if (starts(l.text, "Rebooting system.  Reason: ")) return said("30-2", "ERROR", l.text);
         return std::nullopt;
       }},
      // Cluster life cycle.
      {"23-1", "heartbeat", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         auto version = text_between(l.text, "Configuration validated. Starting heartbeat ", "");
         if (!version) return std::nullopt;
         return said("23-1", "info", fmt::format("Starting Heartbeat {}.", *version));
       }},
      {"23-3", "heartbeat", [](const LogLine& l, CatalogueState& state) -> std::optional<CatalogueMatch> {
         if (l.text != "Local status now set to: 'up'") return std::nullopt;
         state.reset_requested = true;
         return silent("23-3");
       }},
      {"13-2", "crmd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (auto node = text_between(l.text, "update_dc: Set DC to ", " "))
           return said("13-2", "info", fmt::format("Set DC node to {}.", *node));
         if (auto node = text_between(l.text, "update_dc: Unset DC ", "")) {
           std::string name = node->substr(0, node->find(' '));
           return said("13-5", "info", fmt::format("Unset DC node {}.", name));
         }
         return std::nullopt;
       }},
      {"14-1", "crmd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         auto node = text_between(l.text, "handle_shutdown_request: Creating shutdown request for ", " ");
         if (!node) node = text_between(l.text, "handle_shutdown_request: Creating shutdown request for ", "");
         if (!node) return std::nullopt;
         return said("14-1", "info", fmt::format("Pacemaker on {} is shutting down.", *node));
       }},
      {"14-2", "heartbeat", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!l.text.ends_with(" Heartbeat shutdown complete.")) return std::nullopt;
         return said("14-2", "info", "Heartbeat shutdown complete.");
       }},
      {"14-3", "crmd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "crm_shutdown: Requesting shutdown")) return std::nullopt;
         return said("14-3", "info", "Pacemaker is shutting down.");
       }},
      {"14-4", "cib", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "cib_process_shutdown_req: Shutdown REQ from ")) return std::nullopt;
         return silent("14-4");  // the fail-over tracker records it
       }},
      {"15-1", "logd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (starts(l.text, "logd started with ")) return said("15-1", output_level(l.level), l.text);
         if (starts(l.text, "logd_term_write_action: received "))
           return said("16-1", output_level(l.level), "logd is shutting down.");
         if (has(l.text, "Exiting write process")) return said("16-2", output_level(l.level), "logd stopped.");
         return std::nullopt;
       }},
      {"25-1", "", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (!starts(l.text, "cl_log: ") || !has(l.text, "messages were dropped")) return std::nullopt;
         return said("25-1", output_level(l.level), l.text);
       }},
      // STONITH.
      {"20-1", "stonithd", [](const LogLine& l, CatalogueState&) -> std::optional<CatalogueMatch> {
         if (auto body = text_between(l.text, ": sending fencing op ", "")) {
           if (!starts(l.text, "stonith_operate_locally")) return std::nullopt;
           auto op = body->substr(0, body->find(' '));
           auto target = text_between(*body, " for ", " to ");
           auto rest = text_between(*body, " to ", "");
           if (!target || !rest) return std::nullopt;
           return said("20-1", "info", fmt::format("Try to STONITH ({}) the Node {} to {}", op, *target, *rest));
         }
         if (auto target = text_between(l.text, "Succeeded to STONITH the node ", ": optype=")) {
           auto op = text_between(l.text, "optype=", ".");
           auto who = text_between(l.text, "whodoit: ", "");
           if (!op || !who) return std::nullopt;
           return said("20-2", "info", fmt::format("Succeeded to STONITH ({}) the Node {} by Node {}.", *op, *target, *who));
         }
         if (auto target = text_between(l.text, "failed to STONITH node ", " with local device ")) {
           auto code = text_between(l.text, "(exitcode ", ")");
           if (!code) return std::nullopt;
           return said("20-3", "ERROR", fmt::format("Failed to STONITH the Node {} with one local device (exitcode={}). Will try to use the next local device.", *target, *code));
         }
         if (auto target = text_between(l.text, "Failed to STONITH the node ", ": optype=")) {
           auto op = text_between(l.text, "optype=", ",");
           if (!op || !has(l.text, "op_result=TIMEOUT")) return std::nullopt;
           return said("20-4", "ERROR", fmt::format("Failed to STONITH ({}) the Node {} (Timed Out).", *op, *target));
         }
         return std::nullopt;
       }},
  };
  return entries;
}

}  // namespace

std::optional<CatalogueMatch> match_catalogue(const LogLine& line, CatalogueState& state) {
  for (const Entry& e : table()) {
    if (*e.process && line.process != e.process) continue;
    if (auto m = e.handler(line, state)) return m;
  }
  return std::nullopt;
}

std::vector<std::string> catalogue_ids() {
  return {"1-1", "1-2", "1-3", "1-4", "3-2", "17-4", "6-1", "6-2", "6-3", "7-1", "7-2", "8-1",
          "9-1", "22-1", "22-2", "22-3", "10-1", "10-2", "10-3", "10-4", "10-5", "10-6", "10-7",
          "29-1", "29-2", "29-3", "28-1", "28-2", "28-3", "28-4", "28-5", "28-6", "30-1", "30-2",
          "23-1", "23-3", "13-2", "13-5", "14-1", "14-2", "14-3", "14-4", "15-1", "16-1", "16-2",
          "25-1", "20-1", "20-2", "20-3", "20-4"};
}

}  // namespace pacer::tools
