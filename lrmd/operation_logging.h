// What lrmd writes to its log when an operation ends, in Heartbeat lrmd's words: the agent's
// stderr (always) and stdout (when the op failed) as "RA output:" lines, the timeout warnings, and
// one line per finished operation with its rc.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "common/log.h"
#include "lrmd/lrmd_types.h"

namespace pacer::lrmd {

// Whether `result` is what the operation is expected to return: 0; 8 for a monitor (a master);
// 7 for a probe (stopped is an answer there, while for a recurring monitor it is a failure).
bool expected_result(const OperationResult& result);

void log_operation_result(Logger& log, const ResourceSpec& resource, std::uint64_t client,
                          const OperationResult& result, pid_t pid, const std::string& stderr_text,
                          size_t max_output_lines);

}  // namespace pacer::lrmd
