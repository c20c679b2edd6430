// Helpers shared by the cibd unit tests: loading fixtures and building small CIBs.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "cibd/cib_xml_input.h"

namespace pacer::cib::testing {

inline std::string read_fixture(const std::string& relative) {
  std::ifstream in(std::string(PACER_FIXTURES_DIR) + "/" + relative);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline XmlDocument parse_or_fail(const std::string& text) {
  auto doc = parse_cib_xml(text, "test");
  INFO(doc.error_message());
  REQUIRE(doc.is_ok());
  return std::move(*doc);
}

inline XmlDocument demo_cib() { return parse_or_fail(read_fixture("osc2011-tokyo-spring-demo.cib.xml")); }

}  // namespace pacer::cib::testing
