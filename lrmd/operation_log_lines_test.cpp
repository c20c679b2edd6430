// The operation log lines, character for character as the seed's ha-log and pm-logconv.md show.
#include "lrmd/operation_log_lines.h"

#include <catch2/catch.hpp>

namespace pacer::lrmd {
namespace {

TEST_CASE("lrmd's operation line, with probes named as such") {
  CHECK(lrmd_operation_line("prmPg", 63, "start", Millis(0)) == "rsc:prmPg:63: start");
  CHECK(lrmd_operation_line("prmPg", 5, "monitor", Millis(0)) == "rsc:prmPg:5: probe");
  CHECK(lrmd_operation_line("prmPg", 64, "monitor", Millis(10000)) == "rsc:prmPg:64: monitor");
}

TEST_CASE("crmd's lines as pm_logconv reads them") {
  CHECK(crmd_perform_line("18:14:0:54ec38e9-bfac-4b29-9256-a9b9587456c6", "prmPg_start_0") ==
        "do_lrm_rsc_op: Performing key=18:14:0:54ec38e9-bfac-4b29-9256-a9b9587456c6 op=prmPg_start_0 )");
  OperationResult r;
  r.rsc_id = "prmPg";
  r.operation = "start";
  r.call_id = 63;
  r.rc = 0;
  r.op_status = OpStatus::done;
  LogLine done = crmd_lrm_event_line(r, 69, true);
  CHECK(done.level == LogLevel::info);
  CHECK(done.text == "process_lrm_event: LRM operation prmPg_start_0 (call=63, rc=0, cib-update=69, "
                     "confirmed=true) ok");

  r.operation = "monitor";
  r.interval = Millis(10000);
  r.rc = 7;
  CHECK(crmd_lrm_event_line(r, 70, false).text ==
        "process_lrm_event: LRM operation prmPg_monitor_10000 (call=63, rc=7, cib-update=70, "
        "confirmed=false) not running");

  r.operation = "stop";
  r.interval = Millis(0);
  r.rc = -2;
  r.op_status = OpStatus::timed_out;
  r.timeout = Millis(60000);
  LogLine timed_out = crmd_lrm_event_line(r, 71, true);
  CHECK(timed_out.level == LogLevel::error);
  CHECK(timed_out.text == "process_lrm_event: LRM operation prmPg_stop_0 (63) Timed Out (timeout=60000ms)");
}

TEST_CASE("RA output line") {
  CHECK(lrmd_agent_output_line("prmPg", "start", "stderr", "oops") ==
        "RA output: (prmPg:start:stderr) oops");
}

}  // namespace
}  // namespace pacer::lrmd
