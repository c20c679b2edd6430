// Every rejection path of the validator, each naming the id and the reason.
#include "cibd/cib_validator.h"

#include <catch2/catch.hpp>

#include "cibd/cib_errors.h"
#include "cibd/cib_test_util.h"

namespace pacer::cib {
namespace {

std::string cib_with(const std::string& resources, const std::string& constraints = "",
                     const std::string& extra_config = "", const std::string& status = "<status/>") {
  return "<cib validate-with=\"pacemaker-1.0\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\">"
         "<configuration><crm_config/><nodes/><resources>" + resources + "</resources><constraints>" +
         constraints + "</constraints>" + extra_config + "</configuration>" + status + "</cib>";
}

const std::string kDummy = "<primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";

// The error message for `text`, which must be invalid.
std::string rejection(const std::string& text) {
  XmlDocument doc = testing::parse_or_fail(text);
  Status s = check_cib(doc);
  REQUIRE_FALSE(s.is_ok());
  CHECK(cib_error_kind(s) == CibErrorKind::invalid_config);
  return cib_error_detail(s);
}

bool mentions(const std::string& message, const std::string& part) {
  INFO(message);
  return message.find(part) != std::string::npos;
}

TEST_CASE("a minimal CIB with a resource is valid") {
  CHECK(check_cib(testing::parse_or_fail(cib_with(kDummy))).is_ok());
}

TEST_CASE("unknown elements and attributes are rejected") {
  CHECK(mentions(rejection(cib_with("<bogus id=\"x\"/>")), "bogus 'x': unknown element 'bogus'"));
  CHECK(mentions(rejection(cib_with("<primitive id=\"p\" class=\"lsb\" type=\"x\" colour=\"red\"/>")),
                 "primitive 'p': unknown attribute 'colour'"));
  CHECK(mentions(rejection(cib_with("<nvpair id=\"n\" name=\"a\"/>")),
                 "nvpair 'n': 'nvpair' is not allowed inside 'resources'"));
  CHECK(mentions(rejection("<config/>"), "the root element is 'config'"));
}

TEST_CASE("required attributes and sections") {
  CHECK(mentions(rejection(cib_with("<primitive id=\"p\" class=\"lsb\"/>")),
                 "primitive 'p': required attribute 'type' is missing"));
  CHECK(mentions(rejection("<cib admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\"><configuration>"
                           "<crm_config/><nodes/><resources/></configuration></cib>"),
                 "needs exactly one 'constraints'"));
  CHECK(mentions(rejection("<cib epoch=\"0\" num_updates=\"0\"><configuration><crm_config/><nodes/>"
                           "<resources/><constraints/></configuration></cib>"),
                 "required attribute 'admin_epoch'"));
  CHECK(mentions(rejection("<cib admin_epoch=\"-1\" epoch=\"0\" num_updates=\"0\"><configuration>"
                           "<crm_config/><nodes/><resources/><constraints/></configuration></cib>"),
                 "admin_epoch=\"-1\" is not a non-negative integer"));
}

TEST_CASE("duplicate ids are rejected naming the id") {
  std::string twice = kDummy + "<group id=\"d1\">" +
                      "<primitive id=\"d2\" class=\"lsb\" type=\"x\"/></group>";
  CHECK(mentions(rejection(cib_with(twice)), "duplicate id 'd1' (also used by a 'primitive')"));
}

TEST_CASE("dangling references are rejected") {
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_location id=\"l1\" rsc=\"nope\" node=\"pm1\" score=\"1\"/>")),
                 "rsc_location 'l1': rsc 'nope' refers to nothing (dangling reference)"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_colocation id=\"c1\" score=\"INFINITY\" rsc=\"d1\" with-rsc=\"gone\"/>")),
                 "with-rsc 'gone' refers to nothing"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_order id=\"o1\" first=\"d1\" then=\"l9\"/>")),
                 "rsc_order 'o1': then 'l9'"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_order id=\"o1\" first=\"d1\" then=\"o1\"/>")),
                 "then 'o1' names a 'rsc_order', not a resource"));
  std::string ref_set = "<rsc_order id=\"o1\"><resource_set id=\"s1\"><resource_ref id=\"zz\"/></resource_set></rsc_order>";
  CHECK(mentions(rejection(cib_with(kDummy, ref_set)), "resource_ref 'zz': id 'zz' refers to nothing"));
  std::string idref = "<primitive id=\"p\" class=\"lsb\" type=\"x\"><meta_attributes id-ref=\"nothere\"/></primitive>";
  CHECK(mentions(rejection(cib_with(idref)), "id-ref 'nothere' refers to nothing"));
  std::string wrong_kind = "<primitive id=\"p\" class=\"lsb\" type=\"x\"><meta_attributes id-ref=\"p\"/></primitive>";
  CHECK(mentions(rejection(cib_with(wrong_kind)), "id-ref 'p' names a 'primitive', not a 'meta_attributes'"));
}

TEST_CASE("bad scores, booleans and enumerations are rejected") {
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_location id=\"l1\" rsc=\"d1\" node=\"pm1\" score=\"lots\"/>")),
                 "rsc_location 'l1': score=\"lots\" is not a valid score"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_location id=\"l1\" rsc=\"d1\" node=\"pm1\" score=\"INFINITE\"/>")),
                 "score=\"INFINITE\""));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_order id=\"o1\" first=\"d1\" then=\"d1\" symmetrical=\"maybe\"/>")),
                 "symmetrical=\"maybe\" is not a boolean"));
  CHECK(mentions(rejection(cib_with("<primitive id=\"p\" class=\"systemd\" type=\"x\"/>")),
                 "class=\"systemd\" is not one of ocf|lsb|heartbeat|stonith|upstart"));
  std::string op = "<primitive id=\"p\" class=\"lsb\" type=\"x\"><operations><op id=\"o\" name=\"monitor\" interval=\"10\" on-fail=\"panic\"/></operations></primitive>";
  CHECK(mentions(rejection(cib_with(op)), "op 'o': on-fail=\"panic\""));
  for (auto good : {"INFINITY", "+INFINITY", "-INFINITY", "-100", "+7", "0"}) {
    std::string c = std::string("<rsc_location id=\"l1\" rsc=\"d1\" node=\"pm1\" score=\"") + good + "\"/>";
    CHECK(check_cib(testing::parse_or_fail(cib_with(kDummy, c))).is_ok());
  }
}

TEST_CASE("structural rules a grammar table cannot say") {
  CHECK(mentions(rejection(cib_with("<primitive id=\"p\" class=\"ocf\" type=\"x\"/>")),
                 "class 'ocf' needs a provider"));
  CHECK(mentions(rejection(cib_with("<primitive id=\"p\" class=\"lsb\" provider=\"h\" type=\"x\"/>")),
                 "class 'lsb' takes no provider"));
  CHECK(mentions(rejection(cib_with("<group id=\"g\"/>")), "group 'g': a group needs at least one primitive"));
  CHECK(mentions(rejection(cib_with("<clone id=\"c\">" + kDummy +
                                    "<primitive id=\"d2\" class=\"lsb\" type=\"x\"/></clone>")),
                 "clone 'c': a clone holds exactly one primitive or group"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_location id=\"l1\" rsc=\"d1\"/>")),
                 "needs score and node, or at least one rule"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_location id=\"l1\" rsc=\"d1\" score=\"1\" node=\"a\">"
                                            "<rule id=\"r\" score=\"1\"><expression id=\"e\" attribute=\"a\" operation=\"defined\"/></rule></rsc_location>")),
                 "takes either score and node or rules"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_location id=\"l1\" rsc=\"d1\"><rule id=\"r\">"
                                            "<expression id=\"e\" attribute=\"a\" operation=\"defined\"/></rule></rsc_location>")),
                 "rule 'r': needs exactly one of score and score-attribute"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_location id=\"l1\" rsc=\"d1\"><rule id=\"r\" score=\"1\"/></rsc_location>")),
                 "rule 'r': needs at least one expression"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_colocation id=\"c1\" score=\"1\" rsc=\"d1\"/>")),
                 "needs rsc and with-rsc, or resource sets"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_order id=\"o1\" score=\"1\" kind=\"Optional\" first=\"d1\" then=\"d1\"/>")),
                 "takes score or kind, not both"));
  CHECK(mentions(rejection(cib_with(kDummy, "<rsc_order id=\"o1\"><resource_set id=\"s\"/></rsc_order>")),
                 "a resource set needs at least one resource_ref"));
  std::string both = "<primitive id=\"p\" class=\"lsb\" type=\"x\"><meta_attributes id=\"m\" id-ref=\"m\"/></primitive>";
  CHECK(mentions(rejection(cib_with(both)), "has both id and id-ref"));
  std::string delay = "<primitive id=\"p\" class=\"lsb\" type=\"x\"><operations><op id=\"o\" name=\"monitor\" "
                      "interval=\"10\" start-delay=\"1\" interval-origin=\"2\"/></operations></primitive>";
  CHECK(mentions(rejection(cib_with(delay)), "start-delay and interval-origin exclude each other"));
  std::string date = "<rsc_location id=\"l1\" rsc=\"d1\"><rule id=\"r\" score=\"1\"><date_expression id=\"de\" operation=\"gt\"/></rule></rsc_location>";
  CHECK(mentions(rejection(cib_with(kDummy, date)), "date_expression 'de': gt needs a start"));
  CHECK(mentions(rejection(cib_with("", "", "<rsc_defaults/><rsc_defaults/>")), "has more than one 'rsc_defaults'"));
}

TEST_CASE("the status section is free-form, its ids are not configuration ids") {
  std::string status = "<status><node_state id=\"d1\" anything=\"goes\"><lrm><x id=\"d1\"/></lrm></node_state></status>";
  CHECK(check_cib(testing::parse_or_fail(cib_with(kDummy, "", "", status))).is_ok());
}

TEST_CASE("reports list every issue with its line") {
  XmlDocument doc = testing::parse_or_fail(cib_with("<bogus id=\"a\"/>\n<bogus id=\"b\"/>"));
  ValidationReport report = validate_cib(doc);
  CHECK(report.error_count() == 2);
  CHECK(report.issues[0].to_string().rfind("line 1: bogus 'a'", 0) == 0);
}

}  // namespace
}  // namespace pacer::cib
