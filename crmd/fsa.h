// The controller's finite-state machine, as a table (Pacemaker 1.0's states and inputs).
//
// The table says which state an input leads to from each state; what the controller does on
// entering a state lives with the controller. An input that the table does not list for the
// current state is ignored and logged, as Pacemaker's FSA did ("Input I_X not expected in S_Y").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pacer::crmd {

enum class State {
  S_STARTING,           // connecting to heartbeat, cib, lrmd
  S_PENDING,            // member, waiting for a DC to offer a join
  S_ELECTION,           // voting for a DC
  S_INTEGRATION,        // DC: collecting joins
  S_FINALIZE_JOIN,      // DC: syncing the CIB and status to the joined nodes
  S_NOT_DC,             // joined to another node's DC
  S_POLICY_ENGINE,      // DC: waiting for a transition from pengine
  S_TRANSITION_ENGINE,  // DC: running a transition
  S_IDLE,               // DC: nothing to do
  S_RECOVERY,           // an internal error: stop being DC, then exit
  S_RELEASE_DC,         // DC giving up the role (lost an election, shutting down)
  S_STOPPING,           // shutting down: resources moved away
  S_TERMINATE,          // exiting
  S_HALT,               // waiting for something external (no quorum with no-quorum-policy=suicide...)
};

enum class Input {
  I_NULL,
  I_STARTUP,         // connections made
  I_PENDING,         // wait for a DC
  I_ELECTION,        // start (or restart) an election
  I_ELECTION_DC,     // we won
  I_NOT_DC,          // we lost, or joined another DC
  I_JOIN_OFFER,      // a DC offered us a join
  I_JOIN_RESULT,     // the DC confirmed our join
  I_NODE_JOIN,       // DC: a node (re)joined the membership
  I_INTEGRATED,      // DC: every member has joined
  I_FINALIZED,       // DC: status rebuilt and synced
  I_PE_CALC,         // DC: something changed; ask the policy engine
  I_PE_SUCCESS,      // DC: a graph arrived
  I_TE_SUCCESS,      // DC: the transition finished
  I_RELEASE_DC,      // DC: give up the role
  I_RELEASE_SUCCESS, // the role is released
  I_DC_TIMEOUT,      // non-DC: the DC is gone
  I_SHUTDOWN,        // stop requested (SIGTERM)
  I_STOP,            // resources are stopped: leave
  I_TERMINATE,       // exit now
  I_ERROR,           // internal error (lost lrmd, lost pengine)
  I_FAIL,            // an action failed
  I_HALT,
};

std::string_view to_string(State state);
std::string_view to_string(Input input);

// The next state for `input` in `state`; nullopt when the input is not expected there.
std::optional<State> next_state(State state, Input input);

// Pacemaker's line: "State transition S_IDLE -> S_POLICY_ENGINE [ input=I_PE_CALC
// cause=C_FSA_INTERNAL origin=abort_transition_graph ]".
std::string transition_line(State from, State to, Input input, std::string_view cause,
                            std::string_view origin);

}  // namespace pacer::crmd
