// crm_verify's configuration checks beyond the schema.
#include "cibd/cib_config_checks.h"

#include <catch2/catch.hpp>

#include "cibd/cib_test_util.h"

namespace pacer::cib {
namespace {

std::string with(const std::string& options, const std::string& resources) {
  return "<cib validate-with=\"pacemaker-1.0\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\"><configuration>"
         "<crm_config><cluster_property_set id=\"o\">" + options + "</cluster_property_set></crm_config>"
         "<nodes/><resources>" + resources + "</resources><constraints/></configuration><status/></cib>";
}

const std::string kDummy = "<primitive id=\"d\" class=\"lsb\" type=\"x\"/>";
const std::string kFence = "<primitive id=\"f\" class=\"stonith\" type=\"meatware\"/>";

TEST_CASE("STONITH enabled without a STONITH resource is an error") {
  auto issues = check_configuration(testing::parse_or_fail(with("", kDummy)));
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].error);
  CHECK(issues[0].reason == "Resource start-up disabled since no STONITH resources have been defined");
  CHECK(check_configuration(testing::parse_or_fail(with("", kDummy + kFence))).empty());
  CHECK(check_configuration(testing::parse_or_fail(
            with("<nvpair id=\"s\" name=\"stonith-enabled\" value=\"no\"/>", kDummy))).empty());
  CHECK(check_configuration(testing::demo_cib()).empty());
}

TEST_CASE("invalid cluster option values are errors, deprecated options warnings") {
  auto issues = check_configuration(testing::parse_or_fail(
      with("<nvpair id=\"s\" name=\"stonith-enabled\" value=\"false\"/>"
           "<nvpair id=\"q\" name=\"no-quorum-policy\" value=\"sometimes\"/>"
           "<nvpair id=\"k\" name=\"default-resource-stickiness\" value=\"100\"/>", kDummy)));
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].error);
  CHECK(issues[0].to_string() == "line 1: nvpair 'q': Using default value for cluster option "
                                 "'no-quorum-policy' because 'sometimes' is invalid");
  CHECK_FALSE(issues[1].error);
  CHECK(issues[1].reason.find("deprecated") != std::string::npos);
  auto bad_bool = check_configuration(testing::parse_or_fail(
      with("<nvpair id=\"s\" name=\"stonith-enabled\" value=\"perhaps\"/>", kFence)));
  REQUIRE(bad_bool.size() == 1);
  CHECK(bad_bool[0].id == "s");
}

}  // namespace
}  // namespace pacer::cib
