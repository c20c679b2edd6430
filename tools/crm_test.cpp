// The crm shell: splitting (comments, continuations, tabs), syntax errors naming line and token,
// round trips of both fixtures (crm -> XML -> crm, and crm -> XML = the fixture's CIB XML), and
// the commands run whole against a CIB file (CIB_file mode of pacer_cib_client, no daemon).
#include <catch2/catch.hpp>

#include <libxml/tree.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "cibd/cib_client.h"
#include "common/clock.h"
#include "common/file_system.h"
#include "tools/crm_from_xml.h"
#include "tools/crm_shell.h"
#include "tools/crm_syntax.h"
#include "tools/crm_to_xml.h"
#include "tools/tools_test_util.h"

using namespace pacer;
using namespace pacer::tools;
using namespace pacer::tools::test;

namespace {

std::string fixture(const std::string& name) {
  return read_text(std::string(PACER_FIXTURES_DIR) + "/" + name);
}

// Elements (name, sorted attributes), comments and their nesting; whitespace text ignored.
std::string canonical(xmlNodePtr n, int depth = 0) {
  std::string pad(static_cast<size_t>(depth) * 2, ' ');
  if (n->type == XML_COMMENT_NODE) return pad + "#" + reinterpret_cast<const char*>(n->content) + "\n";
  if (n->type != XML_ELEMENT_NODE) return "";
  std::vector<std::string> attrs;
  for (xmlAttrPtr a = n->properties; a; a = a->next) {
    xmlChar* v = xmlGetProp(n, a->name);
    attrs.push_back(std::string(reinterpret_cast<const char*>(a->name)) + "=" + reinterpret_cast<const char*>(v));
    xmlFree(v);
  }
  std::sort(attrs.begin(), attrs.end());
  std::string out = pad + reinterpret_cast<const char*>(n->name);
  for (auto& a : attrs) out += " " + a;
  out += "\n";
  for (xmlNodePtr c = n->children; c; c = c->next) out += canonical(c, depth + 1);
  return out;
}

// Each statement as "comments | tokens", sorted: the order of statements is free in crm files.
std::vector<std::string> statement_set(const std::string& text) {
  auto statements = split_crm(text, "text");
  REQUIRE(statements.is_ok());
  std::vector<std::string> out;
  for (auto& s : *statements) {
    std::string line;
    for (auto& c : s.comments) line += c + " | ";
    for (auto& t : s.tokens) line += t.text + " ";
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("split_crm joins continuations, keeps comments and line numbers") {
  auto s = split_crm("### Cluster Option ###\nproperty a=\"1\" \\\n\tb=\"two words\"\n\n"
                     "location l g \\\n\trule -INFINITY: #uname eq pm1\n",
                     "t.crm");
  REQUIRE(s.is_ok());
  REQUIRE(s->size() == 2);
  CHECK((*s)[0].comments == std::vector<std::string>{"### Cluster Option ###"});
  CHECK((*s)[0].line == 2);
  REQUIRE((*s)[0].tokens.size() == 3);
  CHECK((*s)[0].tokens[2].text == "b=two words");
  CHECK((*s)[0].tokens[2].line == 3);
  CHECK((*s)[1].tokens[5].text == "#uname");
  CHECK((*s)[1].tokens[5].line == 6);
  CHECK_FALSE(split_crm("property a=\"1\n", "t.crm").is_ok());
  CHECK_FALSE(split_crm("property a=1 \\", "t.crm").is_ok());
}

TEST_CASE("syntax errors name the line and the token") {
  auto check = [](const std::string& text, const std::string& message) {
    auto r = parse_crm_configuration(text, "bad.crm");
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.error_message() == message);
  };
  check("# c\nprimitive p ocf:heartbeat\n",
        "bad.crm:2: expected an agent class:provider:type (ocf) or class:type near 'ocf:heartbeat'");
  check("primitive p ocf:heartbeat:Dummy \\\n\tparams a=1 \\\n\tbogus x\n",
        "bad.crm:3: expected name=value near 'bogus'");
  check("primitive p ocf:heartbeat:Dummy \\\n\top monitor interval=10s \\\n\tmeat a=1\n",
        "bad.crm:3: expected name=value near 'meat'");
  check("primitive p ocf:heartbeat:Dummy \\\n\tparams\tfoo\n", "bad.crm:2: expected name=value near 'foo'");
  check("primitive p ocf:heartbeat:Dummy extra\n",
        "bad.crm:1: expected params, meta, utilization or op near 'extra'");
  check("location l g \\\n\trule -INFINITY: a like 1\n",
        "bad.crm:2: expected 'attr op value' (op: lt gt lte gte eq ne) or 'defined|not_defined attr' near 'a'");
  check("location l g \\\n\trule 100 #uname eq pm1\n", "bad.crm:2: expected a score followed by ':' near '100'");
  check("group g p1\n", "bad.crm:1: no such resource near 'p1'");
  check("frobnicate x\n", "bad.crm:1: unknown statement near 'frobnicate'");
  check("primitive p lsb:x\nprimitive p lsb:y\n", "bad.crm:2: id 'p' is used twice near 'p'");
  check("location l g \\\n\trule -INFINITY: a eq 1 and b eq 2 or c eq 3\n",
        "bad.crm:2: a rule mixes 'and' and 'or'; split it into rules near 'or'");
}

TEST_CASE("crm -> XML equals the fixture's CIB XML (ids, order and comments included)") {
  auto parsed = parse_crm_configuration(fixture("osc2011-tokyo-spring-demo.crm"), "demo.crm");
  REQUIRE(parsed.is_ok());
  auto expected = XmlDocument::parse(fixture("osc2011-tokyo-spring-demo.cib.xml"), "demo.cib.xml");
  REQUIRE(expected.is_ok());
  XmlNode configuration = *expected->root().first_child("configuration");
  CHECK(canonical(parsed->root().get()) == canonical(configuration.get()));
}

TEST_CASE("crm -> XML -> crm round trips both fixtures") {
  auto name = GENERATE(as<std::string>{}, "osc2011-tokyo-spring-demo.crm", "linux-ha-japan-pg.crm");
  std::string original = fixture(name);
  auto xml = parse_crm_configuration(original, name);
  REQUIRE(xml.is_ok());
  auto shown = configuration_to_crm(xml->root());
  REQUIRE(shown.is_ok());
  // The same statements, comments and tokens (show orders them as the crm shell does).
  CHECK(statement_set(*shown) == statement_set(original));
  // And the shown text is a fixed point: parsing it gives the same XML, showing that the same text.
  auto again = parse_crm_configuration(*shown, "shown");
  REQUIRE(again.is_ok());
  CHECK(canonical(again->root().get()) == canonical(xml->root().get()));
  CHECK(*configuration_to_crm(again->root()) == *shown);
  if (name == "osc2011-tokyo-spring-demo.crm")
    CHECK(*shown == golden(data_path("crm/osc2011-show.crm"), *shown));
}

namespace {

// A CIB file in a scratch directory and a crm environment on it (CIB_file mode, no daemon).
class CrmOnFile {
 public:
  explicit CrmOnFile(const std::string& initial) {
    dir_ = std::filesystem::temp_directory_path() / ("crm_test." + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "cib.xml").string();
    REQUIRE(fs_.write_file_atomic(path_, initial, 0600).is_ok());
    auto loop = ipc::EventLoop::create(clock_);
    REQUIRE(loop.is_ok());
    loop_ = std::move(*loop);
    cib::CibClientOptions options;
    options.file = path_;
    auto client = cib::connect_cib(*loop_, options);
    REQUIRE(client.is_ok());
    client_ = std::move(*client);
  }
  ~CrmOnFile() { std::filesystem::remove_all(dir_); }

  int run(const std::vector<std::string>& args) {
    out_.str("");
    err_.str("");
    cib::CibClient* client = client_.get();
    std::unique_ptr<cib::CibClient> racing;
    if (between_read_and_write) {
      racing = std::make_unique<RacingClient>(*client_, between_read_and_write);
      client = racing.get();
    }
    CrmEnvironment env{*client, out_, err_, "pm2", editor, {}, {}, dir_.string()};
    env.read_file = [this](const std::string& p) { return fs_.read_file(p); };
    env.write_file = [this](const std::string& p, const std::string& t) { return fs_.write_file_atomic(p, t, 0600); };
    env.delete_attribute = delete_attribute;
    return run_crm_command(args, env);
  }
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }
  std::string dir() const { return dir_.string(); }
  std::string cib_text() { return *fs_.read_file(path_); }
  std::function<Status(const std::string&)> editor;
  std::function<Status(const std::string& name, const std::string& node)> delete_attribute;
  // When set, runs (with the real client) after crm's first query and before its first change:
  // a daemon writing the CIB meanwhile.
  std::function<void(cib::CibClient&)> between_read_and_write;

 private:
  class RacingClient : public cib::CibClient {
   public:
    RacingClient(cib::CibClient& real, std::function<void(cib::CibClient&)> race)
        : real_(real), race_(std::move(race)) {}
    Result<cib::CibReplyData> perform(const cib::CibRequest& request) override {
      if (request.operation == cib::CibOperation::query) queried_ = true;
      else if (queried_ && race_) std::exchange(race_, nullptr)(real_);
      return real_.perform(request);
    }
    Result<std::uint64_t> subscribe(ChangeCallback callback) override { return real_.subscribe(std::move(callback)); }
    std::string describe() const override { return real_.describe(); }

   private:
    cib::CibClient& real_;
    std::function<void(cib::CibClient&)> race_;
    bool queried_ = false;
  };

  RealClock clock_;
  RealFileSystem fs_;
  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<ipc::EventLoop> loop_;
  std::unique_ptr<cib::CibClient> client_;
  std::ostringstream out_, err_;
};

const char* kEmptyCib =
    "<cib validate-with=\"pacemaker-1.0\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\">"
    "<configuration><crm_config/><nodes>"
    "<node id=\"8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01\" uname=\"pm1\" type=\"normal\"/>"
    "<node id=\"7f1b5dcb-e696-414d-8fca-da79274b0a74\" uname=\"pm2\" type=\"normal\"/>"
    "</nodes><resources/><constraints/></configuration><status/></cib>";

}  // namespace

TEST_CASE("crm configure load / show / edit / delete on a CIB file") {
  CrmOnFile crm(kEmptyCib);
  std::string file = std::string(PACER_FIXTURES_DIR) + "/osc2011-tokyo-spring-demo.crm";
  REQUIRE(crm.run({"configure", "load", "update", file}) == 0);
  INFO(crm.err());
  REQUIRE(crm.run({"configure", "show"}) == 0);
  std::string shown = crm.out();
  CHECK_THAT(shown, Catch::StartsWith("node $id=\"8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01\" pm1\n"));
  CHECK_THAT(shown, Catch::Contains("### Primitive Configuration ###\nprimitive prmEx ocf:heartbeat:sfex \\\n"
                                    "\tparams device=\"/dev/xvdb1\" index=\"1\""));
  CHECK_THAT(shown, Catch::Contains("group grpPg prmEx prmFs prmIp prmPg\n"));
  CHECK_THAT(shown, Catch::Contains("order rsc_order-clnPingd-grpPg-1 0: clnPingd grpPg symmetrical=false\n"));
  REQUIRE(crm.run({"configure", "show", "xml", "prmIp"}) == 0);
  CHECK_THAT(crm.out(), Catch::StartsWith("<primitive id=\"prmIp\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">"));
  REQUIRE(crm.run({"configure", "verify"}) == 0);

  // Loading the same file again changes nothing but the version.
  REQUIRE(crm.run({"configure", "load", "update", file}) == 0);
  REQUIRE(crm.run({"configure", "show"}) == 0);
  CHECK(crm.out() == shown);

  // The seed's edit: prmPg's stop timeout from 60s to 10s, through $EDITOR.
  crm.editor = [](const std::string& path) -> Status {
    RealFileSystem fs;
    std::string text = *fs.read_file(path);
    auto at = text.find("primitive prmPg");
    const std::string from = "op stop interval=\"0s\" timeout=\"60s\"";
    auto stop = text.find(from, at);
    text.replace(stop, from.size(), "op stop interval=\"0s\" timeout=\"10s\"");
    return fs.write_file_atomic(path, text, 0600);
  };
  REQUIRE(crm.run({"configure", "edit"}) == 0);
  REQUIRE(crm.run({"configure", "show", "prmPg"}) == 0);
  CHECK_THAT(crm.out(), Catch::Contains("op stop interval=\"0s\" timeout=\"10s\" on-fail=\"fence\""));
  CHECK_THAT(crm.cib_text(), Catch::Contains("Cluster Option"));

  REQUIRE(crm.run({"configure", "property", "default-resource-stickiness=100"}) == 0);
  REQUIRE(crm.run({"configure", "primitive", "prmDummy", "ocf:pacemaker:Dummy", "op", "monitor",
                   "interval=10s", "timeout=20s"}) == 0);
  REQUIRE(crm.run({"configure", "location", "loc-dummy", "prmDummy", "100:", "pm1"}) == 0);
  CHECK(crm.run({"configure", "primitive", "prmDummy", "lsb:foo"}) == 1);
  CHECK_THAT(crm.err(), Catch::Contains("object prmDummy already exists"));
  REQUIRE(crm.run({"configure", "show", "prmDummy", "loc-dummy"}) == 0);
  CHECK(crm.out() == "primitive prmDummy ocf:pacemaker:Dummy \\\n\top monitor interval=\"10s\" timeout=\"20s\"\n"
                     "location loc-dummy prmDummy 100: pm1\n");
  REQUIRE(crm.run({"configure", "delete", "prmDummy"}) == 0);
  CHECK(crm.out() == "INFO: hanging rsc_location loc-dummy deleted\n");
  CHECK(crm.run({"configure", "show", "prmDummy"}) == 1);

  // A syntax error in a loaded file names the line and the token and changes nothing.
  std::string bad = crm.dir() + "/bad.crm";
  RealFileSystem fs;
  REQUIRE(fs.write_file_atomic(bad, "### x ###\nprimitive p ocf:heartbeat:Dummy \\\n\tparms a=1\n", 0600).is_ok());
  std::string before = crm.cib_text();
  CHECK(crm.run({"configure", "load", "update", bad}) == 1);
  CHECK(crm.err() == "ERROR: " + bad + ":3: expected params, meta, utilization or op near 'parms'\n");
  CHECK(crm.cib_text() == before);

  // load replace: only the second fixture's objects remain (nodes kept).
  REQUIRE(crm.run({"configure", "load", "replace",
                   std::string(PACER_FIXTURES_DIR) + "/linux-ha-japan-pg.crm"}) == 0);
  REQUIRE(crm.run({"configure", "show", "prmIp"}) == 0);
  CHECK_THAT(crm.out(), Catch::Contains("ip=\"192.168.68.100\""));
  REQUIRE(crm.run({"node", "list"}) == 0);
  CHECK_THAT(crm.out(), Catch::StartsWith("pm1(8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01): normal\n"));
}

TEST_CASE("crm resource and node commands on a CIB file with status") {
  CrmOnFile crm(read_text(scenario_path("pg-monitor-failed")));
  REQUIRE(crm.run({"resource", "status", "grpPg", "clnPingd", "prmStonith1-1"}) == 0);
  CHECK(crm.out() == "resource grpPg is running on: pm1\nresource clnPingd is running on: pm1 pm2\n"
                     "resource prmStonith1-1 is running on: pm2\n");
  REQUIRE(crm.run({"resource", "failcount", "prmPg", "show", "pm1"}) == 0);
  CHECK(crm.out() == "scope=status  name=fail-count-prmPg value=1\n");
  REQUIRE(crm.run({"status"}) == 0);
  CHECK_THAT(crm.out(), Catch::Contains("Started pm1 FAILED\n"));

  // The seed: crm resource cleanup prmPg pm1 clears the failure, in attrd too (pm1's attrd would
  // write its fail-count again at the next join otherwise).
  std::vector<std::string> forgotten;
  crm.delete_attribute = [&](const std::string& name, const std::string& node) {
    forgotten.push_back(name + "@" + node);
    return Status::ok();
  };
  REQUIRE(crm.run({"resource", "cleanup", "prmPg", "pm1"}) == 0);
  CHECK(crm.out() == "Cleaning up prmPg on pm1\n");
  CHECK(std::find(forgotten.begin(), forgotten.end(), "fail-count-prmPg@pm1") != forgotten.end());
  crm.delete_attribute = nullptr;
  REQUIRE(crm.run({"resource", "failcount", "prmPg", "show", "pm1"}) == 0);
  CHECK(crm.out() == "scope=status  name=fail-count-prmPg value=0\n");
  REQUIRE(crm.run({"status"}) == 0);
  CHECK_THAT(crm.out(), !Catch::Contains("FAILED"));
  CHECK_THAT(crm.out(), !Catch::Contains("Failed actions"));

  REQUIRE(crm.run({"resource", "failcount", "prmPg", "set", "pm2", "3"}) == 0);
  REQUIRE(crm.run({"resource", "failcount", "prmPg", "show", "pm2"}) == 0);
  CHECK(crm.out() == "scope=status  name=fail-count-prmPg value=3\n");
  REQUIRE(crm.run({"resource", "failcount", "prmPg", "delete", "pm2"}) == 0);

  REQUIRE(crm.run({"resource", "stop", "grpPg"}) == 0);
  REQUIRE(crm.run({"configure", "show", "grpPg"}) == 0);
  CHECK(crm.out() == "### Group Configuration ###\ngroup grpPg prmEx prmFs prmIp prmPg \\\n"
                     "\tmeta target-role=\"Stopped\"\n");
  REQUIRE(crm.run({"resource", "start", "grpPg"}) == 0);

  REQUIRE(crm.run({"resource", "move", "grpPg"}) == 0);
  CHECK_THAT(crm.out(), Catch::StartsWith("WARNING: Creating rsc_location constraint 'cli-standby-grpPg'"));
  REQUIRE(crm.run({"configure", "show", "cli-standby-grpPg"}) == 0);
  CHECK(crm.out() == "location cli-standby-grpPg grpPg \\\n\trule -INFINITY: #uname eq pm1\n");
  REQUIRE(crm.run({"resource", "migrate", "grpPg", "pm2"}) == 0);
  REQUIRE(crm.run({"configure", "show", "cli-prefer-grpPg"}) == 0);
  CHECK_THAT(crm.out(), Catch::Contains("INFINITY: #uname eq pm2"));
  REQUIRE(crm.run({"resource", "unmove", "grpPg"}) == 0);
  CHECK(crm.run({"configure", "show", "cli-prefer-grpPg"}) == 1);
  CHECK(crm.run({"configure", "delete", "prmPingd"}) == 1);
  CHECK_THAT(crm.err(), Catch::Contains("resource prmPingd is running, can't delete it"));

  REQUIRE(crm.run({"resource", "list"}) == 0);
  CHECK_THAT(crm.out(), Catch::StartsWith(" Resource Group: grpPg\n     prmEx\t(ocf::heartbeat:sfex):\tStarted pm1\n"));

  // The seed: crm node standby pm2 / crm node online pm2; without a node: this node (pm2 here).
  REQUIRE(crm.run({"node", "standby", "pm2"}) == 0);
  REQUIRE(crm.run({"status"}) == 0);
  CHECK_THAT(crm.out(), Catch::Contains("Node pm2 (7f1b5dcb-e696-414d-8fca-da79274b0a74): standby\n"));
  REQUIRE(crm.run({"node", "online"}) == 0);
  REQUIRE(crm.run({"node", "attribute", "pm1", "set", "rack", "r1"}) == 0);
  REQUIRE(crm.run({"node", "attribute", "pm1", "show", "rack"}) == 0);
  CHECK(crm.out() == "scope=nodes  name=rack value=r1\n");
  REQUIRE(crm.run({"node", "list"}) == 0);
  CHECK_THAT(crm.out(), Catch::Contains("pm1(8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01): member\n\track: r1\n"));
  CHECK_THAT(crm.out(), Catch::Contains("\tstandby: off\n"));
  REQUIRE(crm.run({"node", "attribute", "pm1", "delete", "rack"}) == 0);
  CHECK(crm.run({"node", "standby", "pm9"}) == 1);
  CHECK(crm.run({"bogus"}) == 64);
}

TEST_CASE("status and node changes are targeted: what a daemon writes meanwhile survives") {
  CrmOnFile crm(read_text(scenario_path("pg-monitor-failed")));
  auto daemon_writes = [](const std::string& section, const std::string& xml) {
    return [=](cib::CibClient& real) {
      cib::CibRequest request;
      request.operation = cib::CibOperation::modify;
      request.section = section;
      request.data = xml;
      request.can_create = true;
      REQUIRE(real.perform(request).is_ok());
    };
  };
  // attrd sets an attribute on pm2 while crm cleans up prmPg on pm1.
  crm.between_read_and_write = daemon_writes(
      "status", R"(<node_state id="7f1b5dcb-e696-414d-8fca-da79274b0a74"><transient_attributes id="7f1b5dcb-e696-414d-8fca-da79274b0a74">)"
                R"(<instance_attributes id="status-7f1b5dcb-e696-414d-8fca-da79274b0a74"><nvpair id="race-1" name="raced" value="1"/>)"
                R"(</instance_attributes></transient_attributes></node_state>)");
  REQUIRE(crm.run({"resource", "cleanup", "prmPg", "pm1"}) == 0);
  CHECK_THAT(crm.cib_text(), Catch::Contains(R"(id="race-1")"));
  CHECK_THAT(crm.cib_text(), !Catch::Contains("fail-count-prmPg"));

  crm.between_read_and_write = daemon_writes(
      "status", R"(<node_state id="8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01" crmd="online"><transient_attributes id="8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01">)"
                R"(<instance_attributes id="status-8a2f4e10-7c55-4b0e-9f4a-2d1f3c6b9e01"><nvpair id="race-2" name="raced2" value="1"/>)"
                R"(</instance_attributes></transient_attributes></node_state>)");
  REQUIRE(crm.run({"resource", "failcount", "prmPg", "set", "pm2", "3"}) == 0);
  CHECK_THAT(crm.cib_text(), Catch::Contains(R"(id="race-2")"));
  REQUIRE(crm.run({"resource", "failcount", "prmPg", "show", "pm2"}) == 0);
  CHECK(crm.out() == "scope=status  name=fail-count-prmPg value=3\n");

  // crmd adds a node while crm puts pm2 in standby.
  crm.between_read_and_write = daemon_writes("nodes", R"(<node id="0b6e2c11-0000-4000-8000-000000000003" uname="pm3" type="normal"/>)");
  REQUIRE(crm.run({"node", "standby", "pm2"}) == 0);
  CHECK_THAT(crm.cib_text(), Catch::Contains(R"(uname="pm3")"));
  REQUIRE(crm.run({"node", "attribute", "pm2", "show", "standby"}) == 0);
  CHECK(crm.out() == "scope=nodes  name=standby value=on\n");
  crm.between_read_and_write = nullptr;
  REQUIRE(crm.run({"node", "online", "pm2"}) == 0);
  REQUIRE(crm.run({"node", "attribute", "pm2", "show", "standby"}) == 0);
  CHECK(crm.out() == "scope=nodes  name=standby value=off\n");
}

TEST_CASE("crm_xpath_of names an element by its ancestors' ids") {
  auto doc = XmlDocument::parse(
      R"(<cib><status><node_state id="u1"><lrm><lrm_resources><lrm_resource id="r"/></lrm_resources></lrm></node_state></status></cib>)",
      "t");
  REQUIRE(doc.is_ok());
  auto found = doc->select("//lrm_resource");
  REQUIRE(found.is_ok());
  CHECK(crm_xpath_of(found->front()) ==
        "/cib/status/node_state[@id='u1']/lrm/lrm_resources/lrm_resource[@id='r']");
}

TEST_CASE("crm_empty_cib is a CIB the seed's configuration loads into") {
  CrmOnFile crm(crm_empty_cib());
  REQUIRE(crm.run({"configure", "load", "update", std::string(PACER_FIXTURES_DIR) + "/osc2011-tokyo-spring-demo.crm"}) == 0);
  REQUIRE(crm.run({"configure", "show"}) == 0);
  CHECK(crm.out() == read_text(data_path("crm/osc2011-show.crm")));
}
