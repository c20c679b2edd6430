#include "crmd/fsa.h"

#include <catch2/catch.hpp>

using namespace pacer::crmd;
using enum State;
using enum Input;

TEST_CASE("a fresh node: start, elect, become DC, join, plan, run, idle") {
  State s = S_STARTING;
  for (auto [input, expected] : {std::pair{I_STARTUP, S_PENDING}, {I_ELECTION, S_ELECTION},
                                 {I_ELECTION_DC, S_INTEGRATION}, {I_INTEGRATED, S_FINALIZE_JOIN},
                                 {I_FINALIZED, S_POLICY_ENGINE}, {I_PE_SUCCESS, S_TRANSITION_ENGINE},
                                 {I_TE_SUCCESS, S_IDLE}, {I_PE_CALC, S_POLICY_ENGINE}}) {
    INFO(to_string(s) << " + " << to_string(input));
    auto next = next_state(s, input);
    REQUIRE(next);
    CHECK(*next == expected);
    s = *next;
  }
}

TEST_CASE("a node that loses the election joins the winner and follows it") {
  CHECK(next_state(S_ELECTION, I_NOT_DC) == S_PENDING);
  CHECK(next_state(S_PENDING, I_JOIN_OFFER) == S_PENDING);
  CHECK(next_state(S_PENDING, I_JOIN_RESULT) == S_NOT_DC);
  CHECK(next_state(S_NOT_DC, I_DC_TIMEOUT) == S_ELECTION);  // the DC died
}

TEST_CASE("the DC re-plans on changes and integrates joining nodes from any DC state") {
  for (State s : {S_POLICY_ENGINE, S_TRANSITION_ENGINE, S_IDLE}) {
    INFO(to_string(s));
    CHECK(next_state(s, I_NODE_JOIN) == S_INTEGRATION);
    CHECK(next_state(s, I_ERROR) == S_RECOVERY);
    CHECK(next_state(s, I_ELECTION) == S_ELECTION);
  }
  CHECK(next_state(S_TRANSITION_ENGINE, I_FAIL) == S_POLICY_ENGINE);
  CHECK(next_state(S_TRANSITION_ENGINE, I_PE_CALC) == S_POLICY_ENGINE);
}

TEST_CASE("unexpected inputs are not transitions; terminate always is") {
  CHECK_FALSE(next_state(S_IDLE, I_JOIN_RESULT));
  CHECK_FALSE(next_state(S_STARTING, I_PE_SUCCESS));
  CHECK(next_state(S_IDLE, I_TERMINATE) == S_TERMINATE);
  CHECK(next_state(S_RECOVERY, I_TERMINATE) == S_TERMINATE);
}

TEST_CASE("the state transition line is Pacemaker's") {
  CHECK(transition_line(S_IDLE, S_POLICY_ENGINE, I_PE_CALC, "C_FSA_INTERNAL", "abort_transition_graph") ==
        "do_state_transition: State transition S_IDLE -> S_POLICY_ENGINE [ input=I_PE_CALC "
        "cause=C_FSA_INTERNAL origin=abort_transition_graph ]");
}

TEST_CASE("every state and input has a name") {
  CHECK(to_string(S_HALT) == "S_HALT");
  CHECK(to_string(I_HALT) == "I_HALT");
}
