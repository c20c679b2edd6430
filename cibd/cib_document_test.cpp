// The document model: fixtures load unchanged, sections, versions, the bounded parser.
#include "cibd/cib_document.h"

#include <catch2/catch.hpp>

#include "cibd/cib_errors.h"
#include "cibd/cib_test_util.h"
#include "cibd/cib_validator.h"
#include "cibd/cib_version.h"
#include "cibd/cib_xml_input.h"

namespace pacer::cib {
namespace {

using testing::demo_cib;
using testing::read_fixture;

TEST_CASE("the demo CIB loads, validates and serialises back unchanged") {
  std::string text = read_fixture("osc2011-tokyo-spring-demo.cib.xml");
  XmlDocument doc = testing::parse_or_fail(text);
  CHECK(check_cib(doc).is_ok());
  CHECK(serialize_element(doc.root()) == text);
}

TEST_CASE("every scenario CIB with status validates") {
  for (auto name : {"running", "disk-error", "pg-monitor-failed", "ping-lost", "pm1-lost",
                    "pm1-standby", "stop-timeout"}) {
    XmlDocument doc = testing::parse_or_fail(read_fixture(std::string("scenarios/") + name + ".xml"));
    INFO(name << ": " << check_cib(doc).message());
    CHECK(check_cib(doc).is_ok());
  }
}

TEST_CASE("sections are found by name") {
  XmlDocument doc = demo_cib();
  CHECK(find_section(doc, "resources")->name() == "resources");
  CHECK(find_section(doc, "rsc_defaults")->name() == "rsc_defaults");
  CHECK(find_section(doc, "")->name() == "cib");
  CHECK_FALSE(find_section(doc, "op_defaults").has_value());
  CHECK_FALSE(find_section(doc, "bogus").has_value());
  CHECK_FALSE(is_known_section("bogus"));
}

TEST_CASE("find_by_id finds the first element in document order") {
  XmlDocument doc = demo_cib();
  auto prm = find_by_id(doc.root(), "primitive", "prmPg");
  REQUIRE(prm);
  CHECK(prm->attribute("type") == "pgsql");
  CHECK_FALSE(find_by_id(doc.root(), "group", "prmPg"));
  CHECK(find_by_id(doc.root(), "", "prmPg"));
}

TEST_CASE("the empty CIB validates and has version 0.0.0") {
  XmlDocument doc = make_empty_cib();
  CHECK(check_cib(doc).is_ok());
  CHECK(read_version(doc.root()).value() == CibVersion{0, 0, 0});
}

TEST_CASE("version rules") {
  CibVersion v{1, 5, 3};
  CHECK(next_version(v, true) == CibVersion{1, 6, 0});
  CHECK(next_version(v, false) == CibVersion{1, 5, 4});
  CHECK(CibVersion{1, 0, 0} > CibVersion{0, 99, 99});
  CHECK(CibVersion{0, 2, 0} > CibVersion{0, 1, 99});
  CHECK(v.to_string() == "1.5.3");
  XmlDocument bad = testing::parse_or_fail("<cib epoch=\"x\"/>");
  auto r = read_version(bad.root());
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.error_message().find("epoch=\"x\"") != std::string::npos);
}

TEST_CASE("the parser refuses DOCTYPE, entities, oversize and deep input") {
  std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;&lol;&lol;\">]><cib>&lol2;</cib>";
  auto r = parse_cib_xml(laughs, "input");
  REQUIRE_FALSE(r.is_ok());
  CHECK(cib_error_kind(r.status()) == CibErrorKind::bad_input);

  XmlLimits small;
  small.max_bytes = 10;
  CHECK(cib_error_kind(parse_cib_xml("<cib><configuration/></cib>", "x", small).status()) ==
        CibErrorKind::bad_input);

  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<a>";
  for (int i = 0; i < 100; ++i) deep += "</a>";
  auto d = parse_cib_xml(deep, "deep");
  REQUIRE_FALSE(d.is_ok());
  CHECK(d.error_message().find("nested 100 deep") != std::string::npos);

  auto broken = parse_cib_xml("<cib>\n<configuration>\n</cib>", "broken");
  REQUIRE_FALSE(broken.is_ok());
  CHECK(broken.error_message().find("broken:3") != std::string::npos);
}

TEST_CASE("xpath literals quote either kind of quote") {
  CHECK(xpath_literal("abc") == "'abc'");
  CHECK(xpath_literal("a'b") == "\"a'b\"");
  CHECK(xpath_literal("a'b\"c") == "concat('a', \"'\", 'b\"c')");
}

}  // namespace
}  // namespace pacer::cib
