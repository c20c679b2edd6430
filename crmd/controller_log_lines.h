// The controller's lines that pm_logconv reads (shared/spec/pm-logconv.md) or that operators grep
// for, in Pacemaker 1.0's exact wording, prefixed with the 1.0 function name as its logging did.
// The resource operation lines (do_lrm_rsc_op, process_lrm_event) live in lrmd/operation_log_lines.h.
#pragma once

#include <string>
#include <string_view>

namespace pacer::crmd::log_lines {

std::string set_dc(std::string_view node, std::string_view feature_set);
std::string unset_dc(std::string_view node);
std::string node_status(std::string_view node, std::string_view status, bool we_are_dc);
std::string initiating_action(int action_id, std::string_view task, std::string_view key,
                              std::string_view node, bool local);
std::string update_failcount(std::string_view rsc, std::string_view node, std::string_view task,
                             int rc, std::string_view value, long long now);
std::string start_pengine();
std::string pengine_exited(int pid, int signal, int exit_code);
std::string pengine_failed(int pid, std::string_view uuid);
std::string lrm_failed();
std::string requesting_shutdown();
std::string shutdown_request(std::string_view node, std::string_view state);
std::string no_shutdown_match(std::string_view uuid);
std::string processing_graph(int transition_id, std::string_view source);
std::string transition_done(int transition_id, int complete, int pending, int fired, int skipped,
                            int incomplete, std::string_view source, bool finished);
std::string abort_transition(bool complete, std::string_view reason);
std::string exit_line(int code);

}  // namespace pacer::crmd::log_lines
