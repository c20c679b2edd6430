#include "crmd/fsa.h"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace pacer::crmd {
namespace {

using enum State;
using enum Input;

struct Rule {
  State from;
  Input input;
  State to;
};

// The transitions pacer's controller takes. Rows are grouped by the state they leave.
constexpr Rule kTable[] = {
    {S_STARTING, I_STARTUP, S_PENDING},
    {S_STARTING, I_SHUTDOWN, S_STOPPING},
    {S_STARTING, I_ERROR, S_RECOVERY},

    {S_PENDING, I_ELECTION, S_ELECTION},
    {S_PENDING, I_JOIN_OFFER, S_PENDING},
    {S_PENDING, I_JOIN_RESULT, S_NOT_DC},
    {S_PENDING, I_NOT_DC, S_NOT_DC},
    {S_PENDING, I_ELECTION_DC, S_INTEGRATION},
    {S_PENDING, I_SHUTDOWN, S_STOPPING},
    {S_PENDING, I_ERROR, S_RECOVERY},

    {S_ELECTION, I_ELECTION, S_ELECTION},
    {S_ELECTION, I_ELECTION_DC, S_INTEGRATION},
    {S_ELECTION, I_NOT_DC, S_PENDING},
    {S_ELECTION, I_JOIN_OFFER, S_PENDING},
    {S_ELECTION, I_SHUTDOWN, S_STOPPING},
    {S_ELECTION, I_ERROR, S_RECOVERY},

    {S_NOT_DC, I_ELECTION, S_ELECTION},
    {S_NOT_DC, I_DC_TIMEOUT, S_ELECTION},
    {S_NOT_DC, I_JOIN_OFFER, S_PENDING},
    {S_NOT_DC, I_JOIN_RESULT, S_NOT_DC},
    {S_NOT_DC, I_SHUTDOWN, S_STOPPING},
    {S_NOT_DC, I_ERROR, S_RECOVERY},

    {S_INTEGRATION, I_INTEGRATED, S_FINALIZE_JOIN},
    {S_INTEGRATION, I_NODE_JOIN, S_INTEGRATION},
    {S_INTEGRATION, I_ELECTION, S_ELECTION},
    {S_INTEGRATION, I_RELEASE_DC, S_RELEASE_DC},
    {S_INTEGRATION, I_SHUTDOWN, S_RELEASE_DC},
    {S_INTEGRATION, I_ERROR, S_RECOVERY},

    {S_FINALIZE_JOIN, I_FINALIZED, S_POLICY_ENGINE},
    {S_FINALIZE_JOIN, I_NODE_JOIN, S_INTEGRATION},
    {S_FINALIZE_JOIN, I_ELECTION, S_ELECTION},
    {S_FINALIZE_JOIN, I_RELEASE_DC, S_RELEASE_DC},
    {S_FINALIZE_JOIN, I_SHUTDOWN, S_RELEASE_DC},
    {S_FINALIZE_JOIN, I_ERROR, S_RECOVERY},

    {S_POLICY_ENGINE, I_PE_SUCCESS, S_TRANSITION_ENGINE},
    {S_POLICY_ENGINE, I_PE_CALC, S_POLICY_ENGINE},
    {S_POLICY_ENGINE, I_NODE_JOIN, S_INTEGRATION},
    {S_POLICY_ENGINE, I_ELECTION, S_ELECTION},
    {S_POLICY_ENGINE, I_RELEASE_DC, S_RELEASE_DC},
    {S_POLICY_ENGINE, I_SHUTDOWN, S_POLICY_ENGINE},  // the plan moves our resources away first
    {S_POLICY_ENGINE, I_STOP, S_RELEASE_DC},
    {S_POLICY_ENGINE, I_ERROR, S_RECOVERY},

    {S_TRANSITION_ENGINE, I_TE_SUCCESS, S_IDLE},
    {S_TRANSITION_ENGINE, I_PE_CALC, S_POLICY_ENGINE},
    {S_TRANSITION_ENGINE, I_FAIL, S_POLICY_ENGINE},
    {S_TRANSITION_ENGINE, I_NODE_JOIN, S_INTEGRATION},
    {S_TRANSITION_ENGINE, I_ELECTION, S_ELECTION},
    {S_TRANSITION_ENGINE, I_RELEASE_DC, S_RELEASE_DC},
    {S_TRANSITION_ENGINE, I_SHUTDOWN, S_TRANSITION_ENGINE},
    {S_TRANSITION_ENGINE, I_STOP, S_RELEASE_DC},
    {S_TRANSITION_ENGINE, I_ERROR, S_RECOVERY},

    {S_IDLE, I_PE_CALC, S_POLICY_ENGINE},
    {S_IDLE, I_NODE_JOIN, S_INTEGRATION},
    {S_IDLE, I_ELECTION, S_ELECTION},
    {S_IDLE, I_RELEASE_DC, S_RELEASE_DC},
    {S_IDLE, I_SHUTDOWN, S_POLICY_ENGINE},
    {S_IDLE, I_STOP, S_RELEASE_DC},
    {S_IDLE, I_ERROR, S_RECOVERY},

    {S_RELEASE_DC, I_RELEASE_SUCCESS, S_PENDING},
    {S_RELEASE_DC, I_STOP, S_STOPPING},
    {S_RELEASE_DC, I_ERROR, S_RECOVERY},

    {S_RECOVERY, I_TERMINATE, S_TERMINATE},
    {S_STOPPING, I_TERMINATE, S_TERMINATE},
    {S_STOPPING, I_ERROR, S_TERMINATE},
    {S_HALT, I_ELECTION, S_ELECTION},
    {S_HALT, I_SHUTDOWN, S_STOPPING},
};

}  // namespace

std::string_view to_string(State s) {
  static constexpr std::array kNames = {
      "S_STARTING",   "S_PENDING",       "S_ELECTION",          "S_INTEGRATION", "S_FINALIZE_JOIN",
      "S_NOT_DC",     "S_POLICY_ENGINE", "S_TRANSITION_ENGINE", "S_IDLE",        "S_RECOVERY",
      "S_RELEASE_DC", "S_STOPPING",      "S_TERMINATE",         "S_HALT"};
  return kNames[static_cast<size_t>(s)];
}

std::string_view to_string(Input i) {
  static constexpr std::array kNames = {
      "I_NULL",       "I_STARTUP",     "I_PENDING",     "I_ELECTION",   "I_ELECTION_DC",
      "I_NOT_DC",     "I_JOIN_OFFER",  "I_JOIN_RESULT", "I_NODE_JOIN",  "I_INTEGRATED",
      "I_FINALIZED",  "I_PE_CALC",     "I_PE_SUCCESS",  "I_TE_SUCCESS", "I_RELEASE_DC",
      "I_RELEASE_SUCCESS", "I_DC_TIMEOUT", "I_SHUTDOWN", "I_STOP",      "I_TERMINATE",
      "I_ERROR",      "I_FAIL",        "I_HALT"};
  return kNames[static_cast<size_t>(i)];
}

std::optional<State> next_state(State state, Input input) {
  // Anywhere: a fatal error ends in recovery, and terminate means terminate.
  for (const Rule& r : kTable)
    if (r.from == state && r.input == input) return r.to;
  if (input == I_TERMINATE) return S_TERMINATE;
  return std::nullopt;
}

std::string transition_line(State from, State to, Input input, std::string_view cause,
                            std::string_view origin) {
  return fmt::format("do_state_transition: State transition {} -> {} [ input={} cause={} origin={} ]",
                     to_string(from), to_string(to), to_string(input), cause, origin);
}

}  // namespace pacer::crmd
