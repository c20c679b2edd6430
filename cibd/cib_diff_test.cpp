// Diffs: each applied change's diff, applied to another copy at the old version, gives the same
// document byte for byte (what replication will rely on); diffs for another version are refused.
#include "cibd/cib_diff.h"

#include <catch2/catch.hpp>

#include "cibd/cib_errors.h"
#include "cibd/cib_store.h"
#include "cibd/cib_test_util.h"

namespace pacer::cib {
namespace {

CibRequest req(CibOperation op, std::string section, std::string data) {
  CibRequest r;
  r.operation = op;
  r.section = std::move(section);
  r.data = std::move(data);
  r.can_create = true;
  r.force = true;
  return r;
}

TEST_CASE("diffs replay every kind of change onto a copy") {
  CibStore primary(testing::demo_cib());
  CibStore replica(testing::demo_cib());
  std::vector<std::string> diffs;
  primary.set_listener([&](const CibChange& c) { diffs.push_back(c.diff); });
  std::vector<CibRequest> requests{
      req(CibOperation::create, "resources", "<primitive id=\"p1\" class=\"lsb\" type=\"x\"/>"),
      req(CibOperation::modify, "", "<nvpair id=\"rsc-options-migration-threshold\" value=\"value++\"/>"),
      req(CibOperation::modify, "status", "<node_state id=\"n1\" uname=\"pm1\"><lrm id=\"n1\"/></node_state>"),
      req(CibOperation::modify, "status", "<node_state id=\"n1\" crmd=\"online\"/>"),
      req(CibOperation::replace, "resources", "<primitive id=\"p1\" class=\"lsb\" type=\"y\"/>"),
      req(CibOperation::remove, "", "<nvpair id=\"rsc-options-resource-stickiness\"/>"),
      req(CibOperation::modify, "", "<cib have-quorum=\"1\"/>"),
      req(CibOperation::bump, "", ""),
      req(CibOperation::erase, "", ""),
      req(CibOperation::create, "resources", "<primitive id=\"p2\" class=\"lsb\" type=\"x\"/>"),
  };
  for (const auto& request : requests) {
    INFO(operation_name(request.operation) << " " << request.data);
    auto r = primary.apply(request);
    INFO(r.error_message());
    REQUIRE(r.is_ok());
    REQUIRE(!diffs.empty());
    auto diff = testing::parse_or_fail(diffs.back());
    Status applied = replica.apply_diff(diff);
    INFO(applied.message() << "\n" << diffs.back());
    REQUIRE(applied.is_ok());
    CHECK(replica.document().serialize() == primary.document().serialize());
  }
  CHECK(replica.sequence() == primary.sequence());
}

TEST_CASE("a diff for another version is refused and changes nothing") {
  CibStore primary(testing::demo_cib());
  std::vector<std::string> diffs;
  primary.set_listener([&](const CibChange& c) { diffs.push_back(c.diff); });
  REQUIRE(primary.apply(req(CibOperation::create, "resources", "<primitive id=\"p1\" class=\"lsb\" type=\"x\"/>")));
  REQUIRE(primary.apply(req(CibOperation::create, "resources", "<primitive id=\"p2\" class=\"lsb\" type=\"x\"/>")));
  CibStore replica(testing::demo_cib());
  std::string before = replica.document().serialize();
  Status skipped = replica.apply_diff(testing::parse_or_fail(diffs[1]));  // missed diffs[0]
  REQUIRE_FALSE(skipped.is_ok());
  CHECK(skipped.message().find("applies to version 0.3.0, this copy is at 0.2.0") != std::string::npos);
  CHECK(replica.document().serialize() == before);
  CHECK(cib_error_kind(replica.apply_diff(testing::parse_or_fail("<nodiff/>"))) == CibErrorKind::bad_input);
}

TEST_CASE("a status diff is applied without validating the configuration again") {
  // Validating a 16-node x 1,000-resource CIB takes tens of milliseconds; a replica applies a
  // diff per status update, so a status-only diff (which also sets the version counters on the
  // root) must not revalidate. Proof: copies whose configuration would not validate still take it.
  std::string cib = testing::demo_cib().serialize();
  auto at = cib.find("</resources>");
  REQUIRE(at != std::string::npos);
  cib.insert(at, "<primitive id=\"broken\" class=\"ocf\" type=\"Dummy\"/>");  // ocf without a provider
  CibStore primary(testing::parse_or_fail(cib)), replica(testing::parse_or_fail(cib));
  std::vector<std::string> diffs;
  primary.set_listener([&](const CibChange& c) { diffs.push_back(c.diff); });
  // The configuration is invalid indeed: a configuration change is refused.
  CHECK_FALSE(primary.apply(req(CibOperation::create, "resources", "<primitive id=\"p1\" class=\"lsb\" type=\"x\"/>")));
  REQUIRE(primary.apply(req(CibOperation::modify, "status", "<node_state id=\"n9\" uname=\"pm9\" crmd=\"online\"/>")));
  REQUIRE(diffs.size() == 1);
  Status s = replica.apply_diff(testing::parse_or_fail(diffs[0]));
  INFO(s.message());
  CHECK(s.is_ok());
  CHECK(replica.document().serialize() == primary.document().serialize());
}

TEST_CASE("a diff naming an element the copy lacks is refused") {
  CibStore replica(testing::demo_cib());
  std::string before = replica.document().serialize();
  std::string diff =
      "<diff><diff-removed><cib admin_epoch=\"0\" epoch=\"2\" num_updates=\"0\"/></diff-removed>"
      "<diff-added><cib admin_epoch=\"0\" epoch=\"3\" num_updates=\"0\"><configuration><resources>"
      "<primitive id=\"ghost\" type=\"z\"/></resources></configuration></cib></diff-added></diff>";
  Status s = replica.apply_diff(testing::parse_or_fail(diff));
  REQUIRE_FALSE(s.is_ok());
  CHECK(cib_error_kind(s) == CibErrorKind::no_such_object);
  CHECK(replica.document().serialize() == before);
}

}  // namespace
}  // namespace pacer::cib
