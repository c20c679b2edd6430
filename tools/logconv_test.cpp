// pm_logconv: line parsing, the configuration, every catalogue message (inputs written from the
// spec's quoted lines), the seed's two conversions, the fail-over summary's variants, and the
// follower across rotation and restarts.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tools/log_follower.h"
#include "tools/logconv_converter.h"
#include "tools/tools_test_util.h"

using namespace pacer;
using namespace pacer::tools;
using namespace pacer::tools::test;

namespace {

LogconvConfig seed_config() {
  auto c = parse_logconv_config(read_text(data_path("pm_logconv/pm_logconv.conf")), "pm_logconv.conf");
  REQUIRE(c.is_ok());
  return std::move(*c);
}

LogConverter converter_for(const std::string& host) {
  LogconvConfig c = seed_config();
  ConverterSettings s;
  s.hostname = host;
  s.act_rsc = c.act_rsc;
  s.attribute_rules = c.attribute_rules;
  s.ping_hosts = ping_hosts_from_hacf("# demo\nping 192.168.0.21\nbcast eth1\n");
  s.hostcache = parse_hostcache("pm1 8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01\npm2 7f1b5dcb-e696-414d-8fca-da79274b0a74\n");
  return LogConverter(s);
}

WallTime some_now() { return std::chrono::system_clock::from_time_t(1321000000); }  // Nov 2011

std::string convert_all(LogConverter& c, const std::string& text, std::set<std::string>* ids = nullptr) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    for (auto& o : c.convert(line, some_now())) out += o + "\n";
    if (ids && !c.last_match().empty()) ids->insert(c.last_match());
  }
  return out;
}

}  // namespace

TEST_CASE("log lines in both Heartbeat layouts") {
  auto l = parse_log_line("Jul  8 16:47:51 pm1 crmd: [1996]: info: do_lrm_rsc_op: Performing key=x");
  REQUIRE(l);
  CHECK(l->month == "Jul");
  CHECK(l->day == 8);
  CHECK(l->time == "16:47:51");
  CHECK(l->host == "pm1");
  CHECK(l->process == "crmd");
  CHECK(l->level == "info");
  CHECK(l->text == "do_lrm_rsc_op: Performing key=x");
  l = parse_log_line("Jul 11 18:53:35 pm1 pgsql[19130]: WARNING: PostgreSQL template1 isn't running");
  REQUIRE(l);
  CHECK(l->process == "pgsql");
  CHECK(l->level == "WARNING");
  l = parse_log_line("crmd[1996]: 2011/07/11_18:53:34 ERROR: boom: it broke");
  REQUIRE(l);
  CHECK(l->year == 2011);
  CHECK(l->month == "Jul");
  CHECK(l->day == 11);
  CHECK(l->level == "ERROR");
  CHECK(l->text == "boom: it broke");
  CHECK_FALSE(parse_log_line(""));
  CHECK_FALSE(parse_log_line("Jul 99:00:00"));
  CHECK_FALSE(parse_log_line("crmd[12x]: 2011/07/11_18:53:34 info: x"));
  CHECK_FALSE(parse_log_line("crmd[1]: 2011/13/11_18:53:34 info: x"));
  // rsyslog writes a tab as "#011": pengine's LogActions lines must still split at it.
  l = parse_log_line("Nov 25 13:04:21 pm1 pengine: [57]: info: LogActions: Move    resource prmEx#011(Started pm1 -> pm2)");
  REQUIRE(l);
  CHECK(l->text == "LogActions: Move    resource prmEx\t(Started pm1 -> pm2)");
}

TEST_CASE("pm_logconv.conf: the seed's settings and pacer's defaults") {
  LogconvConfig c = seed_config();
  CHECK(c.ha_log_path == "/var/log/ha-log");
  CHECK(c.output_path == "/var/log/pm_logconv.out");
  CHECK(c.hostcache_path == "/var/lib/pacer/hostcache");
  CHECK(c.hacf_path == "/etc/ha.d/ha.cf");
  CHECK(c.syslog_format);
  CHECK(c.reset_interval_s == 60);
  CHECK(c.act_rsc == std::vector<std::string>{"prmEx", "prmPg"});
  REQUIRE(c.attribute_rules.size() == 3);
  CHECK(c.attribute_rules[0].matches({{"default_ping_set", "0"}}));
  CHECK(c.attribute_rules[0].matches({}));
  CHECK_FALSE(c.attribute_rules[0].matches({{"default_ping_set", "100"}}));
  CHECK(c.attribute_rules[1].matches({{"diskcheck_status", "ERROR"}}));
  CHECK_FALSE(c.attribute_rules[1].matches({{"diskcheck_status", "normal"}}));

  auto rule = parse_attribute_rule("attribute_x", "a eq 1 and b gt 9 or defined c");
  REQUIRE(rule.is_ok());
  CHECK(rule->matches({{"a", "1"}, {"b", "10"}}));  // numeric: 10 > 9
  CHECK_FALSE(rule->matches({{"a", "1"}, {"b", "8"}}));
  CHECK(rule->matches({{"c", ""}}));

  auto bad = parse_logconv_config("[Settings]\nreset_interval = soon\n", "x.conf");
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.error_message() == "x.conf:2: reset_interval must be a positive number of seconds, not 'soon'");
  bad = parse_logconv_config("[Settings]\nattribute_p = a like 1\n", "x.conf");
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.error_message() == "x.conf:2: attribute_p: unknown operator 'like' in 'a like 1'");
  auto other = parse_logconv_config("[Settings]\nsyslogformat = False\nfoo = 1\n[Resource tries to start]\npattern_start = a,b\n", "x.conf");
  REQUIRE(other.is_ok());
  CHECK_FALSE(other->syslog_format);
  CHECK(other->warnings.size() == 2);
  CHECK(parse_hostcache("pm1 uuid-1\n\npm2 uuid-2\n").at("uuid-2") == "pm2");
}

TEST_CASE("every catalogue message, from the spec's input lines") {
  LogConverter c = converter_for("pm1");
  std::set<std::string> ids;
  std::string out = convert_all(c, read_text(data_path("pm_logconv/catalogue.ha-log")), &ids);
  CHECK(out == read_text(data_path("pm_logconv/catalogue.out")));
  for (const std::string& id : catalogue_ids()) {
    INFO("catalogue entry " << id);
    CHECK(ids.count(id) == 1);
  }
}

TEST_CASE("the seed's conversions: PostgreSQL start on pm1, fail-over on the DC pm2") {
  LogConverter pm1 = converter_for("pm1");
  CHECK(convert_all(pm1, read_text(data_path("pm_logconv/seed-pg-start.ha-log"))) ==
        read_text(data_path("pm_logconv/seed-pg-start.out")));
  LogConverter pm2 = converter_for("pm2");
  CHECK(convert_all(pm2, read_text(data_path("pm_logconv/seed-failover-pm2.ha-log"))) ==
        read_text(data_path("pm_logconv/seed-failover-pm2.out")));
  CHECK_FALSE(pm2.failover_in_progress());
}

namespace {

const char* kPe = "Jul 11 19:20:00 pm2 pengine: [2010]: notice: LogActions: ";
const char* kCrmd = "Jul 11 19:20:00 pm2 crmd: [2001]: info: ";

std::string transition(LogConverter& c, const std::vector<std::string>& lines) {
  std::string all;
  for (auto& l : lines) all += l + "\n";
  return convert_all(c, all);
}

}  // namespace

TEST_CASE("fail-over summary: node failure, services stopped, unmanaged, score failure") {
  std::string idle = std::string(kCrmd) + "do_state_transition: State transition S_TRANSITION_ENGINE -> S_IDLE [ input=I_TE_SUCCESS ]";
  std::string begin = std::string(kCrmd) + "do_state_transition: State transition S_IDLE -> S_POLICY_ENGINE [ input=I_PE_CALC ]";

  // pm1 lost, nowhere to go: the services are stopped, the fail-over failed.
  LogConverter c = converter_for("pm2");
  std::string out = transition(c, {
      "Jul 11 19:20:00 pm2 crmd: [2001]: WARN: match_down_event: No match for shutdown action on 8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01",
      begin, std::string(kPe) + "Stop resource prmEx\t(pm1)", std::string(kPe) + "Stop resource prmPg\t(pm1)",
      std::string(kCrmd) + "te_rsc_command: Initiating action 5: stop prmPg_stop_0 on pm1", idle});
  CHECK(out == "Jul 11 19:20:00 pm2 ERROR: Start to fail-over.\n"
               "Jul 11 19:20:00 pm2 ERROR: Resource prmEx : Stopped\n"
               "Jul 11 19:20:00 pm2 ERROR: Resource prmPg : Stopped\n"
               "Jul 11 19:20:00 pm2 ERROR: fail-over failed.\n");

  // A node that announced its shutdown is not a failure.
  c = converter_for("pm2");
  out = transition(c, {
      "Jul 11 19:20:00 pm2 cib: [1991]: info: cib_process_shutdown_req: Shutdown REQ from pm1",
      "Jul 11 19:20:00 pm2 crmd: [2001]: WARN: match_down_event: No match for shutdown action on 8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01",
      begin, std::string(kPe) + "Move resource prmEx\t(Started pm1 -> pm2)", idle});
  CHECK(out == "");

  // Node failure, services started on the survivor: "Started on".
  c = converter_for("pm2");
  out = transition(c, {
      "Jul 11 19:20:00 pm2 crmd: [2001]: WARN: match_down_event: No match for shutdown action on 8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01",
      begin, std::string(kPe) + "Start prmEx\t(pm2)", std::string(kPe) + "Start prmPg\t(pm2)",
      std::string(kCrmd) + "te_rsc_command: Initiating action 7: start prmEx_start_0 on pm2 (local)",
      std::string(kCrmd) + "te_rsc_command: Initiating action 9: start prmPg_start_0 on pm2 (local)", idle});
  CHECK(out == "Jul 11 19:20:00 pm2 ERROR: Start to fail-over.\n"
               "Jul 11 19:20:00 pm2 info: Resource prmEx : Started on pm2\n"
               "Jul 11 19:20:00 pm2 info: Resource prmPg : Started on pm2\n"
               "Jul 11 19:20:00 pm2 info: fail-over succeeded.\n");

  // The ping attribute drops to 0 on pm1 (score failure): the group moves.
  c = converter_for("pm2");
  out = transition(c, {
      std::string(kCrmd) + "abort_transition_graph: te_update_diff:146 - Triggered transition abort (complete=1, tag=nvpair, "
                           "id=status-8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01-default_ping_set, name=default_ping_set, value=0, "
                           "magic=NA, cib=0.4.20) : Transient attribute: update",
      begin, "Jul 11 19:20:00 pm2 pengine: [2010]: info: determine_online_status: Node pm1 is online",
      std::string(kPe) + "Move resource prmEx\t(Started pm1 -> pm2)", std::string(kPe) + "Move resource prmPg\t(Started pm1 -> pm2)",
      std::string(kCrmd) + "te_rsc_command: Initiating action 3: stop prmEx_stop_0 on pm1", idle});
  CHECK(out == "Jul 11 19:20:00 pm2 ERROR: Start to fail-over.\n"
               "Jul 11 19:20:00 pm2 info: Resource prmEx : Move pm1 -> pm2\n"
               "Jul 11 19:20:00 pm2 info: fail-over succeeded.\n");

  // A resource failure with an unmanaged resource in the plan.
  c = converter_for("pm2");
  out = transition(c, {
      "Jul 11 19:20:00 pm2 crmd: [2001]: WARN: update_failcount: Updating failcount for prmPg on pm1 after failed monitor: rc=7",
      begin, "Jul 11 19:20:00 pm2 pengine: [2010]: info: native_color: Unmanaged resource prmFs allocated to 'nowhere': failed",
      std::string(kPe) + "Move resource prmEx\t(Started pm1 -> pm2)", idle});
  CHECK(out == "Jul 11 19:20:00 pm2 ERROR: Start to fail-over.\n"
               "Jul 11 19:20:00 pm2 ERROR: Unmanaged resource exists.\n"
               "Jul 11 19:20:00 pm2 ERROR: fail-over failed.\n");

  // A restart in place is not a fail-over; the next transition starts clean.
  c = converter_for("pm2");
  out = transition(c, {
      "Jul 11 19:20:00 pm2 crmd: [2001]: WARN: update_failcount: Updating failcount for prmPg on pm1 after failed monitor: rc=7",
      begin, std::string(kPe) + "Recover resource prmPg\t(Started pm1)", idle, begin,
      std::string(kPe) + "Move resource prmEx\t(Started pm1 -> pm2)", idle});
  CHECK(out == "");
}

TEST_CASE("syslogformat = False writes YYYY/MM/DD_hh:mm:ss") {
  ConverterSettings s;
  s.hostname = "pm1";
  s.syslog_format = false;
  LogConverter c(s);
  auto out = c.convert("Jul 11 18:53:34 pm1 crmd: [1996]: info: update_dc: Set DC to pm2 (3.0.1)", some_now());
  REQUIRE(out.size() == 1);
  CHECK(out[0] == "2011/07/11_18:53:34 pm1 info: Set DC node to pm2.");
  // December's lines read in November belong to last year.
  out = c.convert("Dec 31 23:59:59 pm1 crmd: [1996]: info: update_dc: Set DC to pm2 (3.0.1)", some_now());
  CHECK(out[0] == "2010/12/31_23:59:59 pm1 info: Set DC node to pm2.");
  out = c.convert("crmd[1996]: 2009/02/03_04:05:06 info: update_dc: Set DC to pm2 (3.0.1)", some_now());
  CHECK(out[0] == "2009/02/03_04:05:06 pm1 info: Set DC node to pm2.");
}

namespace {

struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    path = std::filesystem::temp_directory_path() / ("logconv_test." + std::to_string(getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  void append(const std::string& name, const std::string& text) const {
    std::ofstream out(path / name, std::ios::app);
    out << text;
  }
};

std::vector<std::string> lines(LogFollower& f) {
  auto r = f.read_lines();
  REQUIRE(r.is_ok());
  return *r;
}

}  // namespace

TEST_CASE("the follower reads across rotation and resumes from its stat file") {
  ScratchDir dir;
  std::string log = (dir.path / "ha-log").string();
  std::string stat = (dir.path / "pm_logconv.stat").string();
  dir.append("ha-log", "old 1\n");
  {
    LogFollower f(log, stat);
    REQUIRE(f.start(FollowStart::end_of_file).is_ok());
    CHECK(lines(f).empty());
    dir.append("ha-log", "line 2\nline 3\npart");
    CHECK(lines(f) == std::vector<std::string>{"line 2", "line 3"});
    dir.append("ha-log", "ial 4\n");
    CHECK(lines(f) == std::vector<std::string>{"partial 4"});
    // logrotate: rename, then a new file; the old one's tail is read first.
    dir.append("ha-log", "before rotation 5\n");
    std::filesystem::rename(log, log + ".1");
    dir.append("ha-log", "after rotation 6\n");
    CHECK(lines(f) == std::vector<std::string>{"before rotation 5", "after rotation 6"});
    REQUIRE(f.save().is_ok());
  }
  // Restart: continue where it stopped, even though the file was rotated meanwhile.
  dir.append("ha-log", "while down 7\n");
  std::filesystem::rename(log, log + "-20111203");
  dir.append("ha-log", "new file 8\n");
  {
    LogFollower f(log, stat);
    REQUIRE(f.start(FollowStart::saved_position).is_ok());
    CHECK(lines(f) == std::vector<std::string>{"while down 7", "new file 8"});
    // copytruncate: the file shrinks in place.
    std::filesystem::resize_file(log, 0);
    dir.append("ha-log", "9\n");
    CHECK(lines(f) == std::vector<std::string>{"9"});
  }
  CHECK(parse_position("123 456\n")->offset == 456);
  CHECK_FALSE(parse_position("x"));
}
