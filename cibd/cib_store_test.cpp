// Operations through the store: results, version rules, rejections that change nothing,
// notifications with sequence numbers.
#include "cibd/cib_store.h"

#include <catch2/catch.hpp>

#include "cibd/cib_document.h"
#include "cibd/cib_errors.h"
#include "cibd/cib_test_util.h"

namespace pacer::cib {
namespace {

CibRequest req(CibOperation op, std::string section = "", std::string data = "") {
  CibRequest r;
  r.operation = op;
  r.section = std::move(section);
  r.data = std::move(data);
  return r;
}

std::string text(const CibStore& store) { return store.document().serialize(); }

// Applies `request`, which must fail with `kind`, and checks the CIB did not change at all.
std::string rejected(CibStore& store, const CibRequest& request, CibErrorKind kind) {
  std::string before = text(store);
  auto seq = store.sequence();
  auto r = store.apply(request);
  REQUIRE_FALSE(r.is_ok());
  INFO(r.error_message());
  CHECK(cib_error_kind(r.status()) == kind);
  CHECK(text(store) == before);
  CHECK(store.sequence() == seq);
  return r.error_message();
}

const std::string kNew = "<primitive id=\"prmNew\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";

TEST_CASE("queries: whole, section, xpath, no-children") {
  CibStore store(testing::demo_cib());
  auto all = store.apply(req(CibOperation::query));
  REQUIRE(all);
  CHECK(all->output.rfind("<cib validate-with=\"pacemaker-1.0\" epoch=\"2\"", 0) == 0);
  CHECK(store.apply(req(CibOperation::query, "nodes"))->output == "<nodes/>\n");
  CibRequest x = req(CibOperation::query);
  x.xpath = "//rsc_defaults//nvpair";
  auto two = store.apply(x);
  REQUIRE(two);
  CHECK(two->output.rfind("<xpath-query>\n  <nvpair name=\"resource-stickiness\"", 0) == 0);
  x.xpath = "//rsc_defaults";
  x.no_children = true;
  CHECK(store.apply(x)->output == "<rsc_defaults/>\n");
  x.xpath = "//primitive[@id='nope']";
  rejected(store, x, CibErrorKind::no_such_object);
  x.xpath = "//nvpair[";
  rejected(store, x, CibErrorKind::no_such_object);
  rejected(store, req(CibOperation::query, "bogus"), CibErrorKind::invalid_request);
  rejected(store, req(CibOperation::query, "op_defaults"), CibErrorKind::no_such_object);
}

TEST_CASE("create adds to a section and bumps epoch") {
  CibStore store(testing::demo_cib());
  auto r = store.apply(req(CibOperation::create, "resources", kNew));
  REQUIRE(r);
  CHECK(r->version == CibVersion{0, 3, 0});
  CHECK(find_section(store.document(), "resources")->children().back().attribute("id") == "prmNew");
  // Without a section the element's kind says where it goes.
  REQUIRE(store.apply(req(CibOperation::create, "",
                          "<rsc_location id=\"l-new\" rsc=\"prmNew\" node=\"pm1\" score=\"10\"/>")));
  CHECK(store.version() == CibVersion{0, 4, 0});
}

TEST_CASE("create rejections leave the CIB unchanged") {
  CibStore store(testing::demo_cib());
  auto dup = rejected(store, req(CibOperation::create, "resources",
                                 "<primitive id=\"prmEx\" class=\"lsb\" type=\"x\"/>"),
                      CibErrorKind::invalid_config);
  CHECK(dup.find("duplicate id 'prmEx'") != std::string::npos);
  rejected(store, req(CibOperation::create, "resources", "<bogus id=\"x\"/>"), CibErrorKind::invalid_config);
  rejected(store, req(CibOperation::create, "constraints",
                      "<rsc_order id=\"o\" first=\"nope\" then=\"grpPg\"/>"), CibErrorKind::invalid_config);
  rejected(store, req(CibOperation::create, "", "<widget id=\"w\"/>"), CibErrorKind::invalid_request);
  rejected(store, req(CibOperation::create, "resources", "<primitive"), CibErrorKind::bad_input);
  rejected(store, req(CibOperation::create, "resources"), CibErrorKind::invalid_request);
  rejected(store, req(CibOperation::create, "nowhere", kNew), CibErrorKind::invalid_request);
  REQUIRE(store.apply(req(CibOperation::create, "status", "<node_state id=\"n1\" uname=\"pm1\"/>")));
  rejected(store, req(CibOperation::create, "status", "<node_state id=\"n1\"/>"), CibErrorKind::exists);
}

TEST_CASE("modify merges by id, expands value++ and follows the version rules") {
  CibStore store(testing::demo_cib());
  auto r = store.apply(req(CibOperation::modify, "",
                           "<nvpair id=\"cib-bootstrap-options-stonith-enabled\" value=\"false\"/>"));
  REQUIRE(r);
  CHECK(r->version == CibVersion{0, 3, 0});
  CHECK(find_by_id(store.document().root(), "nvpair", "cib-bootstrap-options-stonith-enabled")
            ->attribute("value") == "false");
  // Root attributes and status are not configuration: num_updates moves.
  REQUIRE(store.apply(req(CibOperation::modify, "", "<cib have-quorum=\"1\"/>")));
  CHECK(store.version() == CibVersion{0, 3, 1});
  CibRequest status = req(CibOperation::modify, "status",
                          "<node_state id=\"n1\" uname=\"pm1\"><transient_attributes id=\"n1\">"
                          "<instance_attributes id=\"status-n1\"><nvpair id=\"fc\" name=\"fail-count-prmPg\" "
                          "value=\"value++\"/></instance_attributes></transient_attributes></node_state>");
  rejected(store, status, CibErrorKind::no_such_object);
  status.can_create = true;
  REQUIRE(store.apply(status));
  CHECK(store.version() == CibVersion{0, 3, 2});
  REQUIRE(store.apply(status));
  CHECK(find_by_id(store.document().root(), "nvpair", "fc")->attribute("value") == "2");
  CibRequest plus = req(CibOperation::modify, "status", "<nvpair id=\"fc\" value=\"value+=INFINITY\"/>");
  REQUIRE(store.apply(plus));
  CHECK(find_by_id(store.document().root(), "nvpair", "fc")->attribute("value") == "INFINITY");
  CHECK(store.version() == CibVersion{0, 3, 4});
  // A modify that changes nothing makes no new version.
  REQUIRE(store.apply(req(CibOperation::modify, "", "<cib have-quorum=\"1\"/>")));
  CHECK(store.version() == CibVersion{0, 3, 4});
}

TEST_CASE("modify rejections leave the CIB unchanged") {
  CibStore store(testing::demo_cib());
  rejected(store, req(CibOperation::modify, "", "<nvpair id=\"nosuch\" value=\"1\"/>"), CibErrorKind::no_such_object);
  rejected(store, req(CibOperation::modify, "", "<primitive id=\"prmEx\" class=\"windows\"/>"),
           CibErrorKind::invalid_config);
  rejected(store, req(CibOperation::modify, "", "<rsc_colocation id=\"rsc_colocation-grpPg-clnPingd-1\" with-rsc=\"gone\"/>"),
           CibErrorKind::invalid_config);
  rejected(store, req(CibOperation::modify, "", "<cib have-quorum=\"maybe\"/>"), CibErrorKind::invalid_config);
  CibRequest x = req(CibOperation::modify, "", "<nvpair value=\"value+=3\"/>");
  x.xpath = "//nvpair[@id='rsc-options-migration-threshold']";
  REQUIRE(store.apply(x));  // no id in the data: the XPath names the target
  CHECK(find_by_id(store.document().root(), "nvpair", "rsc-options-migration-threshold")->attribute("value") == "4");
  x.xpath = "//nvpair[@id='none']";
  rejected(store, x, CibErrorKind::no_such_object);
}

TEST_CASE("replace: section, element, whole CIB with the version rule") {
  CibStore store(testing::demo_cib());
  REQUIRE(store.apply(req(CibOperation::replace, "rsc_defaults",
                          "<rsc_defaults><meta_attributes id=\"m\"/></rsc_defaults>")));
  CHECK(store.version() == CibVersion{0, 3, 0});
  REQUIRE(store.apply(req(CibOperation::replace, "resources",
                          "<primitive id=\"prmEx\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>")));
  CHECK(find_by_id(store.document().root(), "primitive", "prmEx")->attribute("type") == "Dummy");
  rejected(store, req(CibOperation::replace, "resources", "<primitive id=\"ghost\" class=\"lsb\" type=\"x\"/>"),
           CibErrorKind::no_such_object);
  std::string older = "<cib validate-with=\"pacemaker-1.0\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\">"
                      "<configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>";
  CHECK(rejected(store, req(CibOperation::replace, "", older), CibErrorKind::old_data)
            .find("0.1.0 is older than the current 0.4.0") != std::string::npos);
  CibRequest forced = req(CibOperation::replace, "", older);
  forced.force = true;
  REQUIRE(store.apply(forced));
  CHECK(store.version() == CibVersion{0, 5, 0});
  std::string newer = older;
  newer.replace(newer.find("epoch=\"1\""), 9, "epoch=\"9\"");
  REQUIRE(store.apply(req(CibOperation::replace, "", newer)));
  CHECK(store.version() == CibVersion{0, 9, 0});  // a newer copy keeps its own version
  CHECK(store.document().root().first_child("status"));
  std::string invalid = newer;
  invalid.replace(invalid.find("epoch=\"9\""), 9, "epoch=\"99\"");
  invalid.replace(invalid.find("<resources/>"), 12, "<resources><junk/></resources>");
  rejected(store, req(CibOperation::replace, "", invalid), CibErrorKind::invalid_config);
}

TEST_CASE("delete, erase, bump, upgrade") {
  CibStore store(testing::demo_cib());
  // Removing a resource that constraints name is refused: the references would dangle.
  rejected(store, req(CibOperation::remove, "", "<clone id=\"clnPingd\"/>"), CibErrorKind::invalid_config);
  REQUIRE(store.apply(req(CibOperation::remove, "", "<nvpair id=\"rsc-options-migration-threshold\"/>")));
  CHECK_FALSE(find_by_id(store.document().root(), "nvpair", "rsc-options-migration-threshold"));
  CHECK(store.version() == CibVersion{0, 3, 0});
  REQUIRE(store.apply(req(CibOperation::remove, "", "<primitive id=\"absent\"/>")));  // nothing to do
  CHECK(store.version() == CibVersion{0, 3, 0});
  rejected(store, req(CibOperation::remove, "", "<resources/>"), CibErrorKind::invalid_request);
  rejected(store, req(CibOperation::remove), CibErrorKind::invalid_request);
  CibRequest x = req(CibOperation::remove);
  x.xpath = "//rsc_order";
  x.multiple = true;
  REQUIRE(store.apply(x));
  CHECK(store.document().select("//rsc_order")->empty());

  REQUIRE(store.apply(req(CibOperation::bump)));
  CHECK(store.version() == CibVersion{0, 5, 0});
  rejected(store, req(CibOperation::erase), CibErrorKind::unsafe);
  CibRequest erase = req(CibOperation::erase);
  erase.force = true;
  REQUIRE(store.apply(erase));
  CHECK(store.version() == CibVersion{1, 6, 0});
  CHECK(find_section(store.document(), "resources")->children().empty());
  REQUIRE(store.apply(req(CibOperation::upgrade)));
  CHECK(store.version() == CibVersion{1, 6, 0});
}

TEST_CASE("remaining rejection paths: upgrade, xpath replace/delete of sections, missing sections") {
  XmlDocument other = testing::demo_cib();
  other.root().set_attribute("validate-with", "pacemaker-1.2");
  CibStore newer_schema(std::move(other));
  rejected(newer_schema, req(CibOperation::upgrade), CibErrorKind::invalid_config);
  CibStore store(testing::demo_cib());
  CibRequest x = req(CibOperation::replace, "", "<cib/>");
  x.xpath = "/cib";
  rejected(store, x, CibErrorKind::invalid_request);
  x = req(CibOperation::remove);
  x.xpath = "/cib/configuration/resources";
  rejected(store, x, CibErrorKind::invalid_request);
  x.xpath = "/cib/status";
  rejected(store, x, CibErrorKind::invalid_request);
  rejected(store, req(CibOperation::replace, "", "<configuration/>"), CibErrorKind::no_such_object);
  rejected(store, req(CibOperation::replace, "", "<cib admin_epoch=\"0\" epoch=\"x\"/>"), CibErrorKind::invalid_config);
  rejected(store, req(CibOperation::modify, "op_defaults", "<meta_attributes id=\"m\"/>"), CibErrorKind::no_such_object);
  rejected(store, req(CibOperation::modify), CibErrorKind::invalid_request);
  rejected(store, req(CibOperation::replace), CibErrorKind::invalid_request);
  CibRequest none = req(CibOperation::modify, "", "<nvpair value=\"1\"/>");
  none.xpath = "//nvpair[@id='rsc-options-migration-threshold']";
  none.data = "<primitive value=\"1\"/>";  // the data names another kind of element
  rejected(store, none, CibErrorKind::no_such_object);
}

TEST_CASE("every applied change is notified once, in sequence, with its diff") {
  CibStore store(testing::demo_cib());
  std::vector<CibChange> seen;
  store.set_listener([&](const CibChange& c) { seen.push_back(c); });
  REQUIRE(store.apply(req(CibOperation::create, "resources", kNew)));
  (void)store.apply(req(CibOperation::create, "resources", kNew));  // rejected: duplicate
  REQUIRE(store.apply(req(CibOperation::modify, "", "<cib dc-uuid=\"u1\"/>")));
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].sequence == 1);
  CHECK(seen[1].sequence == 2);
  CHECK(seen[0].configuration_changed);
  CHECK_FALSE(seen[1].configuration_changed);
  CHECK(seen[0].before == CibVersion{0, 2, 0});
  CHECK(seen[0].after == CibVersion{0, 3, 0});
  CHECK(seen[0].diff.find("added:top") != std::string::npos);
  CHECK(seen[0].diff.find("prmNew") != std::string::npos);
}

struct FailingSink : CibSink {
  Status save(const XmlDocument&, bool) override { return Status::error("disk full"); }
};

TEST_CASE("a change that cannot be saved is rolled back") {
  FailingSink sink;
  CibStore store(testing::demo_cib(), &sink);
  auto message = rejected(store, req(CibOperation::create, "resources", kNew), CibErrorKind::io_error);
  CHECK(message.find("disk full") != std::string::npos);
}

}  // namespace
}  // namespace pacer::cib
