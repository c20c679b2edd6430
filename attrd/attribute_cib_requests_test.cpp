// The CIB requests attrd sends, applied to a real CibStore: what ends up where.
#include "attrd/attribute_cib_requests.h"

#include <catch2/catch.hpp>

#include "cibd/cib_document.h"
#include "cibd/cib_store.h"

namespace pacer::attrd {
namespace {

const NodeIdentity kPm1{"pm1", "1b2c3d4e-0000-4000-8000-000000000001"};

std::string query(cib::CibStore& store, const std::string& xpath) {
  cib::CibRequest q;
  q.xpath = xpath;
  auto r = store.apply(q);
  return r ? r->output : "";
}

TEST_CASE("a transient attribute is created, updated and deleted in status", "[attrd][cib]") {
  cib::CibStore store(cib::make_empty_cib());
  REQUIRE(store.apply(write_request(kPm1, "pingd", "100", Lifetime::reboot)));
  REQUIRE(store.apply(write_request(kPm1, "diskd", "normal", Lifetime::reboot)));
  REQUIRE(store.apply(write_request(kPm1, "pingd", "0", Lifetime::reboot)));
  std::string xml = query(store, "/cib/status/node_state[@uname='pm1']/transient_attributes");
  auto values = parse_transient_attributes(xml);
  REQUIRE(values);
  CHECK(*values == std::map<std::string, std::string>{{"diskd", "normal"}, {"pingd", "0"}});
  CHECK(xml.find("id=\"status-1b2c3d4e-0000-4000-8000-000000000001-pingd\"") != std::string::npos);
  // Same answer through the query attrd itself uses at start-up.
  auto own = store.apply(transient_query(kPm1));
  REQUIRE(own);
  CHECK(parse_transient_attributes(own->output)->size() == 2);

  REQUIRE(store.apply(delete_request(kPm1, "pingd", Lifetime::reboot)));
  values = parse_transient_attributes(query(store, "/cib/status"));
  CHECK(*values == std::map<std::string, std::string>{{"diskd", "normal"}});
  // Deleting what is not there succeeds (Pacemaker's rule).
  CHECK(store.apply(delete_request(kPm1, "pingd", Lifetime::reboot)));
}

TEST_CASE("a forever attribute goes to the nodes section and validates", "[attrd][cib]") {
  cib::CibStore store(cib::make_empty_cib());
  auto r = store.apply(write_request(kPm1, "standby", "on", Lifetime::forever));
  INFO(r.error_message());
  REQUIRE(r);
  std::string xml = query(store, "/cib/configuration/nodes/node[@uname='pm1']");
  CHECK(xml.find("name=\"standby\" value=\"on\"") != std::string::npos);
  REQUIRE(store.apply(delete_request(kPm1, "standby", Lifetime::forever)));
  CHECK(query(store, "//nvpair[@name='standby']").find("standby") == std::string::npos);
}

TEST_CASE("an empty or non-XML answer holds no attributes", "[attrd][cib]") {
  CHECK(parse_transient_attributes("")->empty());
  CHECK_FALSE(parse_transient_attributes("<broken"));
}

}  // namespace
}  // namespace pacer::attrd
