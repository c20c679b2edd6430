// The controller's log line texts; see controller_log_lines.h.
#include "crmd/controller_log_lines.h"

#include <fmt/format.h>

namespace pacer::crmd::log_lines {

std::string set_dc(std::string_view node, std::string_view feature_set) {
  return fmt::format("update_dc: Set DC to {} ({})", node, feature_set);
}

std::string unset_dc(std::string_view node) { return fmt::format("update_dc: Unset DC {}", node); }

std::string node_status(std::string_view node, std::string_view status, bool we_are_dc) {
  return fmt::format("crmd_ha_status_callback: Status update: Node {} now has status [{}] (DC={})",
                     node, status, we_are_dc ? "true" : "false");
}

std::string initiating_action(int action_id, std::string_view task, std::string_view key,
                              std::string_view node, bool local) {
  return fmt::format("te_rsc_command: Initiating action {}: {} {} on {}{}", action_id, task, key,
                     node, local ? " (local)" : "");
}

std::string update_failcount(std::string_view rsc, std::string_view node, std::string_view task,
                             int rc, std::string_view value, long long now) {
  return fmt::format("update_failcount: Updating failcount for {} on {} after failed {}: rc={} "
                     "(update={}, time={})",
                     rsc, node, task, rc, value, now);
}

std::string start_pengine() { return "start_subsystem: Starting sub-system \"pengine\""; }

std::string pengine_exited(int pid, int signal, int exit_code) {
  return fmt::format("crmdManagedChildDied: Process pengine:[{}] exited (signal={}, exitcode={})",
                     pid, signal, exit_code);
}

std::string pengine_failed(int pid, std::string_view uuid) {
  return fmt::format("pe_connection_destroy: Connection to the Policy Engine failed (pid={}, uuid={})",
                     pid, uuid);
}

std::string lrm_failed() { return "lrm_connection_destroy: LRM Connection failed"; }

std::string requesting_shutdown() { return "crm_shutdown: Requesting shutdown"; }

std::string shutdown_request(std::string_view node, std::string_view state) {
  return fmt::format("handle_shutdown_request: Creating shutdown request for {} (state={})", node, state);
}

std::string no_shutdown_match(std::string_view uuid) {
  return fmt::format("match_down_event: No match for shutdown action on {}", uuid);
}

std::string processing_graph(int transition_id, std::string_view source) {
  return fmt::format("do_te_invoke: Processing graph {} derived from {}", transition_id, source);
}

std::string transition_done(int transition_id, int complete, int pending, int fired, int skipped,
                            int incomplete, std::string_view source, bool finished) {
  return fmt::format("run_graph: Transition {} (Complete={}, Pending={}, Fired={}, Skipped={}, "
                     "Incomplete={}, Source={}): {}",
                     transition_id, complete, pending, fired, skipped, incomplete, source,
                     finished ? "Complete" : "Stopped");
}

std::string abort_transition(bool complete, std::string_view reason) {
  return fmt::format("abort_transition_graph: Triggered transition abort (complete={}) : {}",
                     complete ? 1 : 0, reason);
}

std::string exit_line(int code) {
  return code == 0 ? "do_exit: Performing A_EXIT_0 - gracefully exiting the CRMd"
                   : "do_exit: Could not recover from internal error";
}

}  // namespace pacer::crmd::log_lines
