// The agent environment: OCF variables, merged parameters, CRM_meta defaults and the HA_* logging
// variables taken from ha.cf.
#include "lrmd/agent_environment.h"

#include <algorithm>

#include <catch2/catch.hpp>

namespace pacer::lrmd {
namespace {

bool has(const std::vector<std::string>& env, const std::string& entry) {
  return std::find(env.begin(), env.end(), entry) != env.end();
}

bool has_name(const std::vector<std::string>& env, const std::string& name) {
  return std::any_of(env.begin(), env.end(),
                     [&](const std::string& e) { return e.rfind(name + "=", 0) == 0; });
}

AgentEnvironmentOptions options_with_logging() {
  AgentEnvironmentOptions o;
  o.log.facility = "local1";
  o.log.logfile = "/var/log/ha-log";
  o.log.debuglog = "/var/log/ha-debug";
  return o;
}

TEST_CASE("ocf environment carries the OCF variables and merged parameters") {
  ResourceSpec rsc{"prmIp", "ocf", "heartbeat", "IPaddr2", {{"ip", "198.19.0.100"}, {"nic", "eth0"}}};
  OperationRequest op;
  op.rsc_id = "prmIp";
  op.operation = "start";
  op.params = {{"nic", "eth1"}, {"CRM_meta_on-fail", "fence"}};
  auto env = ocf_environment(rsc, op, Millis(60000), options_with_logging());
  CHECK(has(env, "OCF_ROOT=/usr/lib/ocf"));
  CHECK(has(env, "OCF_RA_VERSION_MAJOR=1"));
  CHECK(has(env, "OCF_RA_VERSION_MINOR=0"));
  CHECK(has(env, "OCF_RESOURCE_INSTANCE=prmIp"));
  CHECK(has(env, "OCF_RESOURCE_TYPE=IPaddr2"));
  CHECK(has(env, "OCF_RESOURCE_PROVIDER=heartbeat"));
  CHECK(has(env, "OCF_RESKEY_ip=198.19.0.100"));
  CHECK(has(env, "OCF_RESKEY_nic=eth1"));  // the operation's value wins
  CHECK(has(env, "OCF_RESKEY_CRM_meta_on_fail=fence"));  // '-' -> '_' under CRM_meta_
  CHECK(has(env, "OCF_RESKEY_CRM_meta_timeout=60000"));
  CHECK(has(env, "OCF_RESKEY_CRM_meta_name=start"));
  CHECK_FALSE(has_name(env, "OCF_RESKEY_CRM_meta_interval"));  // absent for one-shot ops
}

TEST_CASE("ocf environment has the logging variables of ha.cf and HA_LOGTAG = type") {
  ResourceSpec rsc{"prmPg", "ocf", "heartbeat", "pgsql", {}};
  OperationRequest op{.rsc_id = "prmPg", .operation = "monitor", .interval = Millis(10000)};
  auto env = ocf_environment(rsc, op, Millis(60000), options_with_logging());
  CHECK(has(env, "HA_LOGTAG=pgsql"));
  CHECK(has(env, "HA_LOGFACILITY=local1"));
  CHECK(has(env, "HA_LOGFILE=/var/log/ha-log"));
  CHECK(has(env, "HA_DEBUGLOG=/var/log/ha-debug"));
  CHECK(has(env, "HA_debug=0"));
  CHECK(has(env, "HA_VARRUN=/var/run/"));
  CHECK(has(env, "HA_RSCTMP=/run/resource-agents"));
  CHECK(has(env, "OCF_RESKEY_CRM_meta_interval=10000"));
  CHECK_FALSE(has_name(env, "HA_use_logd"));
  CHECK(has_name(env, "PATH"));
}

TEST_CASE("without ha.cf logging no HA_LOGFACILITY is set, so agents write to stderr") {
  ResourceSpec rsc{"r", "ocf", "heartbeat", "Dummy", {}};
  OperationRequest op{.rsc_id = "r", .operation = "start"};
  auto env = ocf_environment(rsc, op, Millis(20000), AgentEnvironmentOptions{});
  CHECK_FALSE(has_name(env, "HA_LOGFACILITY"));
  CHECK_FALSE(has_name(env, "HA_LOGFILE"));
}

TEST_CASE("parameters that cannot be environment names are left out") {
  ResourceSpec rsc{"r", "ocf", "heartbeat", "Dummy", {{"a=b", "x"}, {"", "y"}, {"ok", "z"}}};
  OperationRequest op{.rsc_id = "r", .operation = "start"};
  auto env = ocf_environment(rsc, op, Millis(20000), AgentEnvironmentOptions{});
  CHECK(has(env, "OCF_RESKEY_ok=z"));
  CHECK_FALSE(std::any_of(env.begin(), env.end(), [](const std::string& e) {
    return e.rfind("OCF_RESKEY_a=", 0) == 0 || e.rfind("OCF_RESKEY_=", 0) == 0;
  }));
}

TEST_CASE("agent log settings come from ha.cf") {
  config::HaConfig cf;
  cf.logfacility = "local1";
  cf.debugfile = "/var/log/ha-debug";
  cf.debug = 1;
  AgentLogSettings s = agent_log_settings(cf);
  CHECK(s.facility == "local1");
  CHECK(s.logfile.empty());
  CHECK(s.debuglog == "/var/log/ha-debug");
  CHECK(s.debug == 1);
}

TEST_CASE("the logtag wrapper keeps the agent and its action as arguments") {
  auto argv = with_logtag_pid({"/usr/lib/ocf/resource.d/heartbeat/pgsql", "start"});
  REQUIRE(argv.size() == 5);
  CHECK(argv[0] == "/bin/sh");
  CHECK(argv[3] == "/usr/lib/ocf/resource.d/heartbeat/pgsql");
  CHECK(argv[4] == "start");
}

}  // namespace
}  // namespace pacer::lrmd
