// Tests of the ha.cf parser: the seed's file, every default, every error (message with file:line)
// and every warning. Host facts come from FakeHaCfEnvironment.
#include "common/config/ha_cf.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "common/config/fake_ha_cf_environment.h"

using namespace pacer::config;
using std::chrono::milliseconds;

namespace {

// The smallest valid file: one medium and the local node.
constexpr std::string_view kMinimal = "bcast eth1\nnode pm1\n";

pacer::Result<HaConfig> parse(std::string_view text, const FakeHaCfEnvironment& env = {}) {
  return parse_ha_cf(text, "/etc/ha.d/ha.cf", env);
}

HaConfig parse_ok(const std::string& text, const FakeHaCfEnvironment& env = {}) {
  auto result = parse(text, env);
  INFO(result.error_message());
  REQUIRE(result.is_ok());
  return std::move(result).value();
}

std::string error_of(const std::string& text, const FakeHaCfEnvironment& env = {}) {
  auto result = parse(text, env);
  REQUIRE_FALSE(result.is_ok());
  return result.error_message();
}

// `line` placed after the minimal file, so it is on line 3.
std::string error_of_line(const std::string& line, const FakeHaCfEnvironment& env = {}) {
  return error_of(std::string(kMinimal) + line + "\n", env);
}

std::vector<std::string> warnings_of(const std::string& text, const FakeHaCfEnvironment& env = {}) {
  return parse_ok(text, env).warnings;
}

constexpr std::string_view kSeedHaCf = R"(pacemaker on
debug 0
udpport 694
keepalive 2
warntime 7
deadtime 10
initdead 48
logfacility local1
bcast eth1
bcast eth2
node pm1
node pm2
watchdog /dev/watchdog
respawn root /usr/lib64/heartbeat/ifcheckd
)";

}  // namespace

// ---------------------------------------------------------------------------------------- seed

TEST_CASE("the seed's ha.cf parses with the effective values of the spec", "[ha_cf][seed]") {
  const HaConfig config = parse_ok(std::string(kSeedHaCf));

  CHECK(config.keepalive == milliseconds(2000));
  CHECK(config.warntime == milliseconds(7000));
  CHECK(config.deadtime == milliseconds(10000));
  CHECK(config.initdead == milliseconds(48000));
  CHECK(config.debug == 0);
  CHECK(config.udpport == 694);
  CHECK(config.logfacility == "local1");
  CHECK_FALSE(config.logfile.has_value());
  CHECK_FALSE(config.use_logd);
  CHECK(config.watchdog_device == "/dev/watchdog");
  CHECK(config.watchdog_timeout == std::chrono::seconds(11));
  CHECK(config.nodes == std::vector<std::string>{"pm1", "pm2"});
  CHECK(config.local_node == "pm1");
  CHECK(config.warnings.empty());

  REQUIRE(config.media.size() == 2);
  CHECK(medium_name(config.media[0]) == "bcast eth1");
  CHECK(medium_name(config.media[1]) == "bcast eth2");
  CHECK(config.media[0].port == 694);

  CHECK(config.pacemaker == PacemakerMode::on);
  REQUIRE(config.children.size() == 7);
  const std::vector<std::pair<std::string, ChildKind>> expected = {
      {"/usr/lib64/heartbeat/ccm", ChildKind::failfast},
      {"/usr/lib64/heartbeat/cib", ChildKind::failfast},
      {"/usr/lib64/heartbeat/lrmd -r", ChildKind::respawn},
      {"/usr/lib64/heartbeat/stonithd", ChildKind::respawn},
      {"/usr/lib64/heartbeat/attrd", ChildKind::respawn},
      {"/usr/lib64/heartbeat/crmd", ChildKind::failfast},
      {"/usr/lib64/heartbeat/ifcheckd", ChildKind::respawn},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("child " << i);
    CHECK(config.children[i].command_line() == expected[i].first);
    CHECK(config.children[i].kind == expected[i].second);
  }
  CHECK(config.children[0].user == "hacluster");
  CHECK(config.children[2].user == "root");
  CHECK(config.children[4].user == "hacluster");
  // ifcheckd runs as root and is only respawned.
  CHECK(config.children[6].user == "root");
  CHECK_FALSE(config.children[6].from_pacemaker);
  CHECK(config.children[6].line == 14);

  REQUIRE(config.find_apiauth("crmd") != nullptr);
  CHECK(config.find_apiauth("crmd")->users == std::vector<std::string>{"hacluster"});
  REQUIRE(config.find_apiauth("stonith-ng") != nullptr);
  CHECK(config.find_apiauth("stonith-ng")->users == std::vector<std::string>{"root"});
}

// ------------------------------------------------------------------------------------ defaults

TEST_CASE("every directive has its default when absent", "[ha_cf][defaults]") {
  FakeHaCfEnvironment env;
  env.rt_range = {1, 99};
  const HaConfig config = parse_ok(std::string(kMinimal), env);

  CHECK_FALSE(config.logfacility.has_value());
  CHECK(config.logfacility_code == -1);
  CHECK_FALSE(config.logfile.has_value());
  CHECK_FALSE(config.debugfile.has_value());
  CHECK_FALSE(config.use_logd_directive.has_value());
  CHECK(config.use_logd);  // no log directive at all: logd
  CHECK(config.use_logd_implied);
  CHECK(config.syslogmsgfmt);
  CHECK(config.conn_logd_time == milliseconds(60000));
  CHECK(config.debug == 0);

  CHECK(config.keepalive == milliseconds(1000));
  CHECK(config.deadtime == milliseconds(30000));
  CHECK(config.warntime == milliseconds(15000));
  CHECK(config.initdead == milliseconds(30000));

  CHECK(config.udpport == 694);
  CHECK(config.baud == 19200);
  CHECK(config.autojoin == Autojoin::none);
  CHECK(config.uuidfrom == UuidFrom::file);
  CHECK(config.auto_failback == AutoFailback::legacy);

  CHECK(config.pacemaker == PacemakerMode::off);
  CHECK(config.children.empty());
  CHECK(config.crm_daemon_dir == "/usr/lib64/heartbeat");
  CHECK_FALSE(config.crmd_spawns_pengine.has_value());

  CHECK_FALSE(config.watchdog_device.has_value());
  CHECK(config.watchdog_timeout == std::chrono::seconds(0));

  CHECK(config.realtime);
  CHECK(config.rtprio == 50);
  CHECK(config.coredumps);
  CHECK(config.memreserve_kb == 6500);
  CHECK(config.env.empty());

  CHECK(config.compression == Compression::zlib);
  CHECK(config.compression_threshold_kb == 2);
  CHECK_FALSE(config.traditional_compression);
  CHECK(config.msgfmt == MessageFormat::classic);
  CHECK(config.hopfudge == 1);
  CHECK(config.hbgenmethod == GenerationMethod::file);
  CHECK(config.max_rexmit_delay == milliseconds(250));

  CHECK(config.ping_hosts.empty());
  CHECK(config.ping_groups.empty());
  CHECK(config.warnings.empty());
}

TEST_CASE("built-in apiauth entries exist without pacemaker", "[ha_cf][defaults]") {
  const HaConfig config = parse_ok(std::string(kMinimal));
  const std::vector<std::tuple<std::string, std::vector<std::string>, std::vector<std::string>>>
      builtins = {
          {"ipfail", {"hacluster"}, {}},   {"ccm", {"hacluster"}, {}},
          {"ping", {}, {"haclient"}},      {"cl_status", {}, {"haclient"}},
          {"lha-snmpagent", {"root"}, {}}, {"anon", {}, {"haclient"}},
      };
  CHECK(config.apiauth.size() == builtins.size());
  for (const auto& [client, users, groups] : builtins) {
    INFO(client);
    const ApiAuth* entry = config.find_apiauth(client);
    REQUIRE(entry != nullptr);
    CHECK(entry->users == users);
    CHECK(entry->groups == groups);
  }
  CHECK(config.find_apiauth("crmd") == nullptr);
}

TEST_CASE("warntime defaults to half the deadtime", "[ha_cf][defaults]") {
  CHECK(parse_ok("deadtime 10\nbcast eth1\nnode pm1\n").warntime == milliseconds(5000));
  CHECK(parse_ok("deadtime 9.5\nbcast eth1\nnode pm1\n").warntime == milliseconds(4750));
}

TEST_CASE("initdead defaults follow Heartbeat's rule", "[ha_cf][defaults]") {
  auto initdead_for = [](const std::string& deadtime) {
    return parse_ok("keepalive 1\ndeadtime " + deadtime + "\nbcast eth1\nnode pm1\n").initdead;
  };
  CHECK(initdead_for("30") == milliseconds(30000));  // > 10 s: = deadtime
  CHECK(initdead_for("10.001") == milliseconds(10001));
  CHECK(initdead_for("10") == milliseconds(20000));  // 6..10 s: 2 * deadtime
  CHECK(initdead_for("6") == milliseconds(12000));
  CHECK(initdead_for("7") == milliseconds(14000));
  CHECK(initdead_for("5.999") == milliseconds(12000));  // < 6 s: 12 s
  CHECK(initdead_for("3") == milliseconds(12000));
}

TEST_CASE("udpport defaults to /etc/services' ha-cluster, else 694", "[ha_cf][defaults]") {
  FakeHaCfEnvironment env;
  env.services_port = 7000;
  const HaConfig config = parse_ok(std::string(kMinimal), env);
  CHECK(config.udpport == 7000);
  CHECK(config.media[0].port == 7000);
}

TEST_CASE("rtprio defaults to the middle of the host's SCHED_FIFO range", "[ha_cf][defaults]") {
  FakeHaCfEnvironment env;
  env.rt_range = {1, 50};
  CHECK(parse_ok(std::string(kMinimal), env).rtprio == 25);
}

TEST_CASE("watchdog timeout is deadtime + 10 ms rounded up to seconds", "[ha_cf][defaults]") {
  auto timeout_for = [](const std::string& deadtime) {
    return parse_ok("deadtime " + deadtime + "\nwatchdog /dev/watchdog\n" + std::string(kMinimal))
        .watchdog_timeout;
  };
  CHECK(timeout_for("10") == std::chrono::seconds(11));
  CHECK(timeout_for("30") == std::chrono::seconds(31));
  CHECK(timeout_for("9990ms") == std::chrono::seconds(10));
  CHECK(timeout_for("9991ms") == std::chrono::seconds(11));
}

// ------------------------------------------------------------------------------ file syntax

TEST_CASE("list directives apply each token; separators are space, tab, comma", "[ha_cf][syntax]") {
  const HaConfig config = parse_ok("node pm1,pm2\tPM3 # comment\nbcast eth1, eth2\n");
  CHECK(config.nodes == std::vector<std::string>{"pm1", "pm2", "pm3"});
  REQUIRE(config.media.size() == 2);
  CHECK(config.media[1].interface == "eth2");
}

TEST_CASE("time values in ha.cf use the time syntax", "[ha_cf][syntax]") {
  const HaConfig config = parse_ok(
      "keepalive 1700ms\ndeadtime 10.5\nwarntime 5000000us\ninitdead 21000ms\n"
      "conn_logd_time 1.5\n" +
      std::string(kMinimal));
  CHECK(config.keepalive == milliseconds(1700));
  CHECK(config.deadtime == milliseconds(10500));
  CHECK(config.warntime == milliseconds(5000));
  CHECK(config.initdead == milliseconds(21000));
  CHECK(config.conn_logd_time == milliseconds(1500));
}

TEST_CASE("booleans accept Heartbeat's words in any case", "[ha_cf][syntax]") {
  for (const char* word : {"true", "on", "yes", "y", "1", "TRUE", "On", "Y"}) {
    INFO(word);
    CHECK(parse_ok(std::string("realtime ") + word + "\n" + std::string(kMinimal)).realtime);
  }
  for (const char* word : {"false", "off", "no", "n", "0", "OFF", "No"}) {
    INFO(word);
    CHECK_FALSE(parse_ok(std::string("realtime ") + word + "\n" + std::string(kMinimal)).realtime);
  }
}

TEST_CASE("every simple directive is applied", "[ha_cf][directives]") {
  const HaConfig config = parse_ok(std::string(kMinimal) +
                                   "logfile /var/log/ha-log\n"
                                   "debugfile /var/log/ha-debug\n"
                                   "logfacility daemon\n"
                                   "syslogmsgfmt off\n"
                                   "debug 3\n"
                                   "autojoin other\n"
                                   "uuidfrom nodename\n"
                                   "auto_failback off\n"
                                   "realtime off\n"
                                   "rtprio 20\n"
                                   "coredumps no\n"
                                   "memreserve 1000\n"
                                   "compression bz2\n"
                                   "compression_threshold 16\n"
                                   "traditional_compression yes\n"
                                   "msgfmt netstring\n"
                                   "hopfudge 3\n"
                                   "hbgenmethod time\n"
                                   "max_rexmit_delay 500\n"
                                   "crm_daemon_dir /opt/pacer\n"
                                   "crmd_spawns_pengine yes\n"
                                   "env logpriority=debug\n"
                                   "env PATH_EXTRA=a b,c\n");
  CHECK(config.logfile == "/var/log/ha-log");
  CHECK(config.debugfile == "/var/log/ha-debug");
  CHECK(config.logfacility == "daemon");
  CHECK(config.logfacility_code == (3 << 3));  // LOG_DAEMON
  CHECK_FALSE(config.use_logd);
  CHECK_FALSE(config.use_logd_implied);
  CHECK_FALSE(config.syslogmsgfmt);
  CHECK(config.debug == 3);
  CHECK(config.autojoin == Autojoin::other);
  CHECK(config.uuidfrom == UuidFrom::nodename);
  CHECK(config.auto_failback == AutoFailback::off);
  CHECK_FALSE(config.realtime);
  CHECK(config.rtprio == 20);
  CHECK_FALSE(config.coredumps);
  CHECK(config.memreserve_kb == 1000);
  CHECK(config.compression == Compression::bz2);
  CHECK(config.compression_threshold_kb == 16);
  CHECK(config.traditional_compression);
  CHECK(config.msgfmt == MessageFormat::netstring);
  CHECK(config.hopfudge == 3);
  CHECK(config.hbgenmethod == GenerationMethod::time);
  CHECK(config.max_rexmit_delay == milliseconds(500));
  CHECK(config.crm_daemon_dir == "/opt/pacer");
  CHECK(config.crmd_spawns_pengine == true);
  REQUIRE(config.env.size() == 2);
  CHECK(config.env[0].name == "HA_logpriority");
  CHECK(config.env[0].value == "debug");
  CHECK(config.env[1].name == "HA_PATH_EXTRA");
  CHECK(config.env[1].value == "a b,c");
}

TEST_CASE("logfacility none disables syslog and counts as a log directive", "[ha_cf][logging]") {
  const HaConfig config =
      parse_ok("logfacility local1\nlogfacility none\n" + std::string(kMinimal));
  CHECK_FALSE(config.logfacility.has_value());
  CHECK(config.logfacility_code == -1);
  CHECK_FALSE(config.use_logd);
}

TEST_CASE("use_logd decides when given", "[ha_cf][logging]") {
  CHECK_FALSE(parse_ok("use_logd off\n" + std::string(kMinimal)).use_logd);
  const HaConfig config = parse_ok("use_logd on\n" + std::string(kMinimal));
  CHECK(config.use_logd);
  CHECK_FALSE(config.use_logd_implied);
}

// ------------------------------------------------------------------------------------ media

TEST_CASE("udpport applies to the bcast and ucast lines after it only", "[ha_cf][media]") {
  const HaConfig config = parse_ok(
      "bcast eth0\nudpport 695\nbcast eth1\nucast eth2 10.0.0.2\n"
      "mcast eth3 239.0.0.1 700 1 0\nnode pm1\n");
  REQUIRE(config.media.size() == 4);
  CHECK(config.media[0].port == 694);
  CHECK(config.media[1].port == 695);
  CHECK(config.media[2].kind == MediumKind::ucast);
  CHECK(config.media[2].peer == "10.0.0.2");
  CHECK(config.media[2].port == 695);
  CHECK(medium_name(config.media[2]) == "ucast eth2");
  CHECK(config.media[3].kind == MediumKind::mcast);
  CHECK(config.media[3].group == "239.0.0.1");
  CHECK(config.media[3].port == 700);
  CHECK(config.media[3].ttl == 1);
  CHECK_FALSE(config.media[3].loop);
  CHECK(config.udpport == 695);
}

TEST_CASE("baud applies to the serial lines after it", "[ha_cf][media]") {
  const HaConfig config =
      parse_ok("serial /dev/ttyS0\nbaud 115200\nserial /dev/ttyS1 /dev/ttyS2\nnode pm1\n");
  REQUIRE(config.media.size() == 3);
  CHECK(config.media[0].baud == 19200);
  CHECK(config.media[1].baud == 115200);
  CHECK(config.media[2].interface == "/dev/ttyS2");
  CHECK(medium_name(config.media[0]) == "serial /dev/ttyS0");
}

TEST_CASE("IPv6 media", "[ha_cf][media]") {
  const HaConfig config =
      parse_ok("mcast6 eth0 ff05::1:3 694 2 0\nucast6 eth1 fe80::1\nnode pm1\n");
  REQUIRE(config.media.size() == 2);
  CHECK(config.media[0].kind == MediumKind::mcast6);
  CHECK(config.media[0].ttl == 2);
  CHECK(config.media[1].kind == MediumKind::ucast6);
  CHECK(config.media[1].peer == "fe80::1");
}

// ----------------------------------------------------------------------- membership, autojoin

TEST_CASE("node names are case-insensitive", "[ha_cf][nodes]") {
  FakeHaCfEnvironment env;
  env.node_name = "PM1";
  const HaConfig config = parse_ok("bcast eth1\nnode Pm1 pm2\n", env);
  CHECK(config.local_node == "pm1");
  CHECK(config.has_node("PM2"));
}

TEST_CASE("autojoin any needs no node list", "[ha_cf][nodes]") {
  const HaConfig config = parse_ok("bcast eth1\nautojoin any\n");
  CHECK(config.autojoin == Autojoin::any);
  CHECK(config.nodes.empty());
}

// --------------------------------------------------------------------------------- children

TEST_CASE("crm is an alias of pacemaker", "[ha_cf][pacemaker]") {
  CHECK(parse_ok("crm yes\n" + std::string(kMinimal)).pacemaker == PacemakerMode::on);
  CHECK(parse_ok("crm respawn\n" + std::string(kMinimal)).pacemaker == PacemakerMode::respawn);
}

TEST_CASE("pacemaker modes expand to their children and apiauth", "[ha_cf][pacemaker]") {
  SECTION("respawn: nothing reboots") {
    const HaConfig config = parse_ok("pacemaker respawn\n" + std::string(kMinimal));
    REQUIRE(config.children.size() == 6);
    for (const ChildProgram& child : config.children) CHECK(child.kind == ChildKind::respawn);
    CHECK(config.find_apiauth("pingd") != nullptr);
  }
  SECTION("minimal and manual: ccm, cib, lrmd, crmd") {
    for (const char* mode : {"minimal", "manual"}) {
      const HaConfig config =
          parse_ok(std::string("pacemaker ") + mode + "\n" + std::string(kMinimal));
      REQUIRE(config.children.size() == 4);
      CHECK(config.children[0].path == "/usr/lib64/heartbeat/ccm");
      CHECK(config.children[2].command_line() == "/usr/lib64/heartbeat/lrmd -r");
      CHECK(config.children[3].kind == ChildKind::failfast);
      CHECK(config.find_apiauth("cib") != nullptr);
      CHECK(config.find_apiauth("attrd") == nullptr);
    }
  }
  SECTION("valgrind: respawn with cib, attrd, crmd under valgrind") {
    const HaConfig config = parse_ok("pacemaker valgrind\n" + std::string(kMinimal));
    REQUIRE(config.children.size() == 6);
    CHECK_FALSE(config.children[0].under_valgrind);
    CHECK(config.children[1].under_valgrind);
    CHECK(config.children[4].under_valgrind);
    CHECK(config.children[5].under_valgrind);
    CHECK(config.children[5].kind == ChildKind::respawn);
  }
  SECTION("off: nothing") {
    const HaConfig config = parse_ok("pacemaker off\n" + std::string(kMinimal));
    CHECK(config.children.empty());
    CHECK(config.find_apiauth("cib") == nullptr);
  }
  SECTION("crm_daemon_dir may come after pacemaker") {
    const HaConfig config =
        parse_ok("pacemaker on\ncrm_daemon_dir /usr/lib/heartbeat\n" + std::string(kMinimal));
    CHECK(config.children[0].path == "/usr/lib/heartbeat/ccm");
  }
}

TEST_CASE("respawn and failfast keep user, path and arguments", "[ha_cf][children]") {
  const HaConfig config = parse_ok(std::string(kMinimal) +
                                   "respawn hacluster /usr/bin/prog -a 1,2 --x\n"
                                   "failfast root /usr/bin/other\n");
  REQUIRE(config.children.size() == 2);
  CHECK(config.children[0].kind == ChildKind::respawn);
  CHECK(config.children[0].user == "hacluster");
  CHECK(config.children[0].path == "/usr/bin/prog");
  CHECK(config.children[0].args == "-a 1,2 --x");
  CHECK(config.children[1].kind == ChildKind::failfast);
  CHECK(config.children[1].args.empty());
}

TEST_CASE("a respawn program that does not exist is recorded, not refused", "[ha_cf][children]") {
  FakeHaCfEnvironment env;
  env.all_executable = false;
  env.executables = {"/usr/lib64/heartbeat/ccm"};
  const HaConfig config = parse_ok(
      "pacemaker on\n" + std::string(kMinimal) + "respawn root /usr/lib64/heartbeat/ifcheckd\n",
      env);
  CHECK(config.children.front().executable);
  CHECK_FALSE(config.children[1].executable);  // cib
  CHECK_FALSE(config.children.back().executable);
  CHECK(config.children.back().path == "/usr/lib64/heartbeat/ifcheckd");
}

TEST_CASE("apiauth replaces a built-in and accepts uid and gid lists", "[ha_cf][apiauth]") {
  const HaConfig config = parse_ok(std::string(kMinimal) +
                                   "apiauth ipfail uid=root,hacluster gid=haclient\n"
                                   "apiauth default gid=haclient\n"
                                   "pacemaker on\n"
                                   "apiauth crmd uid=hacluster,root\n");
  const ApiAuth* ipfail = config.find_apiauth("ipfail");
  REQUIRE(ipfail != nullptr);
  CHECK(ipfail->users == std::vector<std::string>{"root", "hacluster"});
  CHECK(ipfail->groups == std::vector<std::string>{"haclient"});
  REQUIRE(config.find_apiauth("default") != nullptr);
  CHECK(config.find_apiauth("crmd")->users == std::vector<std::string>{"hacluster", "root"});
}

TEST_CASE("legacy ping hosts are kept, other legacy directives warn", "[ha_cf][legacy]") {
  const HaConfig config = parse_ok(std::string(kMinimal) +
                                   "ping 10.0.0.254 10.0.0.253\n"
                                   "ping_group gw 10.0.1.1,10.0.1.2\n"
                                   "deadping 30\n"
                                   "hbaping fc0\n"
                                   "stonith baytech /etc/ha.d/conf/stonith.baytech\n"
                                   "stonith_host * baytech 10.0.0.3 mylogin mysecretpassword\n");
  CHECK(config.ping_hosts == std::vector<std::string>{"10.0.0.254", "10.0.0.253"});
  REQUIRE(config.ping_groups.size() == 1);
  CHECK(config.ping_groups[0].name == "gw");
  CHECK(config.ping_groups[0].hosts == std::vector<std::string>{"10.0.1.1", "10.0.1.2"});
  CHECK(config.warnings == std::vector<std::string>{
                               "ha.cf:5: Directive [deadping] is legacy and ignored by pacer",
                               "ha.cf:6: Directive [hbaping] is legacy and ignored by pacer",
                               "ha.cf:7: Directive [stonith] is legacy and ignored by pacer",
                               "ha.cf:8: Directive [stonith_host] is legacy and ignored by pacer",
                           });
}

// ---------------------------------------------------------------------------------- warnings

TEST_CASE("warnings name file:line", "[ha_cf][warnings]") {
  CHECK(warnings_of("deadtime 6\ninitdead 8\n" + std::string(kMinimal)) ==
        std::vector<std::string>{
            "ha.cf:2: Initial dead time [8000] is less than 10 s: a peer that boots slowly may "
            "be declared dead"});
  CHECK(warnings_of("deadtime 10\nwarntime 10\n" + std::string(kMinimal)) ==
        std::vector<std::string>{
            "ha.cf:2: Warn time [10000] is not smaller than dead time [10000]: late heartbeats "
            "will not be reported before the node is declared dead"});
  CHECK(warnings_of("mcast eth0 239.0.0.1 694 1 1\nnode pm1\n") ==
        std::vector<std::string>{
            "ha.cf:1: mcast loop is on: we will hear our own packets; it should be 0"});
  CHECK(warnings_of(std::string(kMinimal) + "node PM1\n") ==
        std::vector<std::string>{"ha.cf:3: Node [PM1] listed more than once"});
  CHECK(warnings_of("logfile /x\nuse_logd yes\n" + std::string(kMinimal)) ==
        std::vector<std::string>{
            "ha.cf:2: use_logd is on: logfacility, logfile and debugfile are ignored"});
  CHECK(warnings_of("pacemaker on\nserial /dev/ttyS0\nnode pm1\n") ==
        std::vector<std::string>{
            "ha.cf:2: serial media are discouraged with Pacemaker: CIB updates exceed serial "
            "message sizes"});
}

// ------------------------------------------------------------------------------------ errors

TEST_CASE("an unknown directive is Heartbeat's Illegal directive", "[ha_cf][errors]") {
  CHECK(error_of("bcast eth1\nnode pm1\n\n# c\n\n\nfoo bar\n") ==
        "ha.cf:7: Illegal directive [foo] in /etc/ha.d/ha.cf");
  // Directive names are case-sensitive, as in Heartbeat.
  CHECK(error_of("Keepalive 2\n") == "ha.cf:1: Illegal directive [Keepalive] in /etc/ha.d/ha.cf");
}

TEST_CASE("the file label is the base name; the path stays in Heartbeat's text",
          "[ha_cf][errors]") {
  FakeHaCfEnvironment env;
  auto result = parse_ha_cf("bogus\n", "test.cf", env);
  REQUIRE_FALSE(result.is_ok());
  CHECK(result.error_message() == "test.cf:1: Illegal directive [bogus] in test.cf");
}

TEST_CASE("value count errors", "[ha_cf][errors]") {
  CHECK(error_of_line("keepalive") == "ha.cf:3: Directive [keepalive] requires a value");
  CHECK(error_of_line("keepalive 2 3") == "ha.cf:3: Directive [keepalive] takes one value, not 2");
  CHECK(error_of_line("bcast") == "ha.cf:3: Directive [bcast] requires a value");
  CHECK(error_of_line("serial") == "ha.cf:3: Directive [serial] requires a value");
  CHECK(error_of_line("node") == "ha.cf:3: Directive [node] requires a value");
  CHECK(error_of_line("ping") == "ha.cf:3: Directive [ping] requires a value");
  CHECK(error_of_line("ping_group gw") ==
        "ha.cf:3: Directive [ping_group] needs a group name and at least one host");
  CHECK(error_of_line("mcast eth0 239.0.0.1 694 1") ==
        "ha.cf:3: Directive [mcast] takes 5 values, not 4");
  CHECK(error_of_line("ucast eth0") == "ha.cf:3: Directive [ucast] takes 2 values, not 1");
  CHECK(error_of_line("ucast6 eth0 a b") == "ha.cf:3: Directive [ucast6] takes 2 values, not 3");
}

TEST_CASE("invalid times", "[ha_cf][errors]") {
  for (const char* directive :
       {"keepalive", "deadtime", "warntime", "initdead", "conn_logd_time"}) {
    INFO(directive);
    CHECK(error_of_line(std::string(directive) + " 2s") ==
          "ha.cf:3: Invalid time [2s] for " + std::string(directive));
  }
}

TEST_CASE("invalid booleans", "[ha_cf][errors]") {
  for (const char* directive : {"realtime", "coredumps", "syslogmsgfmt", "traditional_compression",
                                "use_logd", "crmd_spawns_pengine"}) {
    INFO(directive);
    CHECK(error_of_line(std::string(directive) + " maybe") ==
          "ha.cf:3: Invalid boolean [maybe] for " + std::string(directive));
  }
}

TEST_CASE("invalid integers", "[ha_cf][errors]") {
  CHECK(error_of_line("debug 256") == "ha.cf:3: Invalid value [256] for debug (0..255)");
  CHECK(error_of_line("debug -1") == "ha.cf:3: Invalid value [-1] for debug (0..255)");
  CHECK(error_of_line("hopfudge x") == "ha.cf:3: Invalid value [x] for hopfudge (0..255)");
  CHECK(error_of_line("memreserve 99999999") ==
        "ha.cf:3: Invalid value [99999999] for memreserve (0..1048576)");
  CHECK(error_of_line("compression_threshold 0") ==
        "ha.cf:3: Invalid value [0] for compression_threshold (1..1048576)");
  CHECK(error_of_line("rtprio 5000") == "ha.cf:3: Invalid value [5000] for rtprio (0..1000)");
  CHECK(error_of_line("max_rexmit_delay 1s") ==
        "ha.cf:3: Invalid value [1s] for max_rexmit_delay (1..3600000 ms)");
}

TEST_CASE("rtprio must lie in the host's SCHED_FIFO range", "[ha_cf][errors]") {
  CHECK(error_of_line("rtprio 0") == "ha.cf:3: Invalid value [0] for rtprio (1..99)");
  CHECK(error_of_line("rtprio 100") == "ha.cf:3: Invalid value [100] for rtprio (1..99)");
}

TEST_CASE("invalid keywords list the choices", "[ha_cf][errors]") {
  CHECK(error_of_line("autojoin some") ==
        "ha.cf:3: Invalid value [some] for autojoin (none, other, any)");
  CHECK(error_of_line("uuidfrom disk") ==
        "ha.cf:3: Invalid value [disk] for uuidfrom (file, nodename)");
  CHECK(error_of_line("auto_failback maybe") ==
        "ha.cf:3: Invalid value [maybe] for auto_failback (on, off, legacy)");
  CHECK(error_of_line("msgfmt xml") ==
        "ha.cf:3: Invalid value [xml] for msgfmt (classic, netstring)");
  CHECK(error_of_line("hbgenmethod disk") ==
        "ha.cf:3: Invalid value [disk] for hbgenmethod (file, time)");
  CHECK(error_of_line("compression gzip") ==
        "ha.cf:3: Invalid value [gzip] for compression (zlib, bz2)");
  CHECK(error_of_line("pacemaker maybe") ==
        "ha.cf:3: Invalid value [maybe] for pacemaker (on, off, respawn, minimal, manual, "
        "valgrind)");
  CHECK(error_of_line("crm maybe") ==
        "ha.cf:3: Invalid value [maybe] for crm (on, off, respawn, minimal, manual, valgrind)");
}

TEST_CASE("logging errors", "[ha_cf][errors]") {
  CHECK(error_of_line("logfacility local9") == "ha.cf:3: Invalid log facility [local9]");
  CHECK(error_of_line("logfile") == "ha.cf:3: Directive [logfile] requires a value");
  CHECK(error_of_line("debugfile a b") == "ha.cf:3: Directive [debugfile] takes one value, not 2");
}

TEST_CASE("media errors", "[ha_cf][errors]") {
  CHECK(error_of_line("udpport 0") == "ha.cf:3: Invalid port [0] for udpport");
  CHECK(error_of_line("udpport 65536") == "ha.cf:3: Invalid port [65536] for udpport");
  CHECK(error_of_line("baud 1200") ==
        "ha.cf:3: Invalid baud rate [1200] (9600, 19200, 38400, 57600, 115200, 230400, 460800)");
  CHECK(error_of_line("mcast eth0 10.0.0.1 694 1 0") ==
        "ha.cf:3: Invalid multicast group [10.0.0.1] for mcast");
  CHECK(error_of_line("mcast eth0 240.0.0.1 694 1 0") ==
        "ha.cf:3: Invalid multicast group [240.0.0.1] for mcast");
  CHECK(error_of_line("mcast eth0 239.0.0.1 0 1 0") == "ha.cf:3: Invalid port [0] for mcast");
  CHECK(error_of_line("mcast eth0 239.0.0.1 694 0 0") ==
        "ha.cf:3: Invalid ttl [0] for mcast (1..255)");
  CHECK(error_of_line("mcast eth0 239.0.0.1 694 256 0") ==
        "ha.cf:3: Invalid ttl [256] for mcast (1..255)");
  CHECK(error_of_line("mcast eth0 239.0.0.1 694 1 2") ==
        "ha.cf:3: Invalid loop [2] for mcast (0 or 1)");
  CHECK(error_of_line("mcast6 eth0 fe80::1 694 1 0") ==
        "ha.cf:3: Invalid multicast group [fe80::1] for mcast6");
  CHECK(error_of_line("mcast6 eth0 239.0.0.1 694 1 0") ==
        "ha.cf:3: Invalid multicast group [239.0.0.1] for mcast6");
}

TEST_CASE("pacemaker errors", "[ha_cf][errors]") {
  CHECK(error_of("pacemaker on\nbcast eth1\ncrm on\nnode pm1\n") ==
        "ha.cf:3: Directive [crm] given more than once (first on line 1)");
  FakeHaCfEnvironment env;
  env.users = {"root"};
  CHECK(error_of_line("pacemaker on", env) ==
        "ha.cf:3: Invalid user [hacluster] for failfast [ccm]");
}

TEST_CASE("respawn and failfast errors", "[ha_cf][errors]") {
  CHECK(error_of_line("respawn root") ==
        "ha.cf:3: Directive [respawn] needs a user and a program path");
  CHECK(error_of_line("failfast") ==
        "ha.cf:3: Directive [failfast] needs a user and a program path");
  CHECK(error_of_line("respawn nosuchuser /usr/bin/x") ==
        "ha.cf:3: Invalid user [nosuchuser] for respawn [/usr/bin/x]");
  CHECK(error_of_line("respawn root usr/bin/x") ==
        "ha.cf:3: respawn program [usr/bin/x] is not an absolute path");
  CHECK(error_of_line("failfast root x") ==
        "ha.cf:3: failfast program [x] is not an absolute path");
}

TEST_CASE("apiauth errors", "[ha_cf][errors]") {
  CHECK(error_of_line("apiauth") ==
        "ha.cf:3: Directive [apiauth] needs a client name and uid= or gid=");
  CHECK(error_of_line("apiauth mine") ==
        "ha.cf:3: Directive [apiauth] needs uid= or gid= for client [mine]");
  CHECK(error_of_line("apiauth mine user=root") ==
        "ha.cf:3: Invalid apiauth word [user=root] for client [mine]: expected uid=... or "
        "gid=...");
  CHECK(error_of_line("apiauth uid=root") == "ha.cf:3: Invalid apiauth client name [uid=root]");
}

TEST_CASE("other directive errors", "[ha_cf][errors]") {
  CHECK(error_of_line("watchdog /dev/watchdog\nwatchdog /dev/watchdog1") ==
        "ha.cf:4: Watchdog device [/dev/watchdog1] given more than once (first on line 3)");
  CHECK(error_of_line("env logpriority") ==
        "ha.cf:3: Invalid env [logpriority]: expected NAME=VALUE");
  CHECK(error_of_line("env =x") == "ha.cf:3: Invalid env [=x]: expected NAME=VALUE");
  CHECK(error_of_line("env A-B=x") == "ha.cf:3: Invalid env [A-B=x]: expected NAME=VALUE");
  CHECK(error_of_line("crm_daemon_dir lib/heartbeat") ==
        "ha.cf:3: crm_daemon_dir [lib/heartbeat] is not an absolute path");
}

TEST_CASE("timing errors point at the line to fix", "[ha_cf][errors]") {
  CHECK(error_of("keepalive 0\n" + std::string(kMinimal)) ==
        "ha.cf:1: keepalive must be greater than 0");
  CHECK(error_of("keepalive 2\ndeadtime 4\n" + std::string(kMinimal)) ==
        "ha.cf:2: Dead time [4000] is too small compared to keeplive [2000]");
  // With the default deadtime (30 s) the keepalive line is the one to fix.
  CHECK(error_of("keepalive 15\n" + std::string(kMinimal)) ==
        "ha.cf:1: Dead time [30000] is too small compared to keeplive [15000]");
  CHECK(error_of("warntime 0\n" + std::string(kMinimal)) ==
        "ha.cf:1: warntime must be greater than 0");
  CHECK(error_of("deadtime 10\ninitdead 9\n" + std::string(kMinimal)) ==
        "ha.cf:2: Initial dead time [9000] is smaller than dead time [10000]");
}

TEST_CASE("whole-file requirements", "[ha_cf][errors]") {
  CHECK(error_of("node pm1\n") == "ha.cf: No heartbeat media defined");
  CHECK(error_of("") == "ha.cf: No heartbeat media defined");
  CHECK(error_of("bcast eth1\n") == "ha.cf: No nodes defined");
  CHECK(error_of("bcast eth1\nnode pm2 pm3\n") ==
        "ha.cf: Current node [pm1] not in configuration!");
  CHECK(error_of("bcast eth1\nautojoin other\nnode pm2\n") ==
        "ha.cf: Current node [pm1] not in configuration!");
}

// ------------------------------------------------------------------------------------ loading

TEST_CASE("load_ha_cf reads the file and names it in errors", "[ha_cf][load]") {
  char path[] = "/tmp/pacer-ha-cf-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  FakeHaCfEnvironment env;
  {
    std::ofstream out(path);
    out << kSeedHaCf;
  }
  auto loaded = load_ha_cf(path, env);
  INFO(loaded.error_message());
  REQUIRE(loaded.is_ok());
  CHECK(loaded->deadtime == milliseconds(10000));

  {
    std::ofstream out(path);
    out << "nonsense here\n";
  }
  auto bad = load_ha_cf(path, env);
  REQUIRE_FALSE(bad.is_ok());
  const std::string label = std::string(path).substr(5);  // drop "/tmp/"
  CHECK(bad.error_message() == label + ":1: Illegal directive [nonsense] in " + path);
  unlink(path);

  auto missing = load_ha_cf(path, env);
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.error_message() ==
        std::string("Cannot open [") + path + "]: No such file or directory");
}

TEST_CASE("load_ha_cf refuses a file larger than the limit", "[ha_cf][load]") {
  char path[] = "/tmp/pacer-ha-cf-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  REQUIRE(truncate(path, static_cast<off_t>(kMaxHaCfBytes) + 1) == 0);
  auto result = load_ha_cf(path, FakeHaCfEnvironment{});
  unlink(path);
  REQUIRE_FALSE(result.is_ok());
  CHECK(result.error_message() == fmt::format("[{}] is too large ({} bytes, at most {})", path,
                                              kMaxHaCfBytes + 1, kMaxHaCfBytes));
}

TEST_CASE("SystemHaCfEnvironment answers from the host", "[ha_cf][environment]") {
  const SystemHaCfEnvironment env("/opt/pacer/libexec");
  CHECK_FALSE(env.local_node_name().empty());
  CHECK(env.user_exists("root"));
  CHECK_FALSE(env.user_exists("no-such-user-pacer-test"));
  CHECK(env.is_executable("/bin/sh"));
  CHECK_FALSE(env.is_executable("/etc/passwd"));
  CHECK_FALSE(env.is_executable("/no/such/program"));
  CHECK_FALSE(env.is_executable("/bin"));
  const auto [low, high] = env.realtime_priority_range();
  CHECK(low >= 1);
  CHECK(high >= low);
  CHECK(env.default_daemon_dir() == "/opt/pacer/libexec");
  CHECK(SystemHaCfEnvironment().default_daemon_dir().front() == '/');
}

TEST_CASE("the fuzz corpus's valid files parse, its invalid ones fail", "[ha_cf][corpus]") {
  const std::string dir = std::string(PACER_CONFIG_CORPUS_DIR) + "/ha_cf/";
  FakeHaCfEnvironment env;
  for (const char* name : {"seed.cf", "all_directives.cf", "minimal.cf"}) {
    INFO(name);
    auto result = load_ha_cf(dir + name, env);
    INFO(result.error_message());
    CHECK(result.is_ok());
  }
  for (const char* name : {"illegal_directive.cf", "deadtime_too_small.cf",
                           "not_in_configuration.cf", "bad_mcast.cf"}) {
    INFO(name);
    CHECK_FALSE(load_ha_cf(dir + name, env).is_ok());
  }
  auto all = load_ha_cf(dir + "all_directives.cf", env);
  REQUIRE(all.is_ok());
  CHECK(all->media.size() == 7);
  CHECK(all->pacemaker == PacemakerMode::respawn);
  CHECK(all->children.size() == 8);
}
