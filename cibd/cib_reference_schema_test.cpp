// Every CIB pacer writes validates against the reference Pacemaker's own pacemaker-1.0.rng (test-only
// use of that file, from the reference's private prefix), through libxml2's RelaxNG; and documents
// pacer's validator rejects for schema reasons, the reference schema rejects too.
#include <libxml/relaxng.h>

#include <cstdlib>
#include <memory>

#include <catch2/catch.hpp>

#include "cibd/cib_document.h"
#include "cibd/cib_persistence.h"
#include "cibd/cib_store.h"
#include "cibd/cib_test_util.h"
#include "cibd/cib_validator.h"

namespace pacer::cib {
namespace {

class ReferenceSchema {
 public:
  ReferenceSchema() {
    const char* dir = std::getenv("PACER_REFERENCE_SCHEMA_DIR");
    REQUIRE(dir != nullptr);
    std::string path = std::string(dir) + "/pacemaker-1.0.rng";
    std::unique_ptr<xmlRelaxNGParserCtxt, decltype(&xmlRelaxNGFreeParserCtxt)> parser(
        xmlRelaxNGNewParserCtxt(path.c_str()), &xmlRelaxNGFreeParserCtxt);
    REQUIRE(parser);
    schema_.reset(xmlRelaxNGParse(parser.get()));
    REQUIRE(schema_);
  }

  // Empty when `text` validates; the first error otherwise.
  std::string errors(const std::string& text) {
    XmlDocument doc = testing::parse_or_fail(text);
    std::unique_ptr<xmlRelaxNGValidCtxt, decltype(&xmlRelaxNGFreeValidCtxt)> ctxt(
        xmlRelaxNGNewValidCtxt(schema_.get()), &xmlRelaxNGFreeValidCtxt);
    std::string first;
    xmlRelaxNGSetValidStructuredErrors(
        ctxt.get(),
        [](void* data, xmlErrorPtr error) {
          auto* out = static_cast<std::string*>(data);
          if (out->empty() && error && error->message) *out = error->message;
        },
        &first);
    int rc = xmlRelaxNGValidateDoc(ctxt.get(), doc.get());
    if (rc != 0 && first.empty()) first = "invalid";
    return rc == 0 ? "" : first;
  }

 private:
  struct Free {
    void operator()(xmlRelaxNGPtr s) const { xmlRelaxNGFree(s); }
  };
  std::unique_ptr<xmlRelaxNG, Free> schema_;
};

CibRequest req(CibOperation op, std::string section, std::string data) {
  CibRequest r;
  r.operation = op;
  r.section = std::move(section);
  r.data = std::move(data);
  r.can_create = true;
  r.force = true;
  return r;
}

TEST_CASE("CIBs pacer writes validate against the reference pacemaker-1.0.rng") {
  ReferenceSchema schema;
  CHECK(schema.errors(persisted_text(make_empty_cib())) == "");
  CibStore store(testing::demo_cib());
  CHECK(schema.errors(persisted_text(store.document())) == "");
  std::vector<CibRequest> requests{
      req(CibOperation::create, "resources",
          "<primitive id=\"p1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><meta_attributes id=\"p1-meta\">"
          "<nvpair id=\"p1-tr\" name=\"target-role\" value=\"Started\"/></meta_attributes><operations>"
          "<op id=\"p1-mon\" name=\"monitor\" interval=\"10s\" timeout=\"20s\" on-fail=\"restart\"/></operations></primitive>"),
      req(CibOperation::create, "resources",
          "<master id=\"ms1\"><meta_attributes id=\"ms1-meta\"><nvpair id=\"ms1-mm\" name=\"master-max\" value=\"1\"/>"
          "</meta_attributes><primitive id=\"p2\" class=\"lsb\" type=\"x\"/></master>"),
      req(CibOperation::create, "constraints",
          "<rsc_location id=\"l1\" rsc=\"p1\"><rule id=\"l1-r\" score=\"-INFINITY\" boolean-op=\"or\">"
          "<expression id=\"l1-e\" attribute=\"pingd\" operation=\"lt\" value=\"100\" type=\"number\"/>"
          "<date_expression id=\"l1-d\" operation=\"date_spec\"><date_spec id=\"l1-ds\" hours=\"9-17\"/></date_expression>"
          "</rule></rsc_location>"),
      req(CibOperation::create, "constraints",
          "<rsc_colocation id=\"c1\" score=\"INFINITY\"><resource_set id=\"c1-s\"><resource_ref id=\"p1\"/>"
          "<resource_ref id=\"ms1\"/></resource_set></rsc_colocation>"),
      req(CibOperation::create, "constraints",
          "<rsc_order id=\"o1\" kind=\"Mandatory\" first=\"p1\" then=\"ms1\" then-action=\"promote\"/>"),
      req(CibOperation::create, "nodes", "<node id=\"uuid-1\" uname=\"pm1\" type=\"normal\"/>"),
      req(CibOperation::modify, "", "<cib have-quorum=\"1\" dc-uuid=\"uuid-1\"/>"),
      req(CibOperation::modify, "status",
          "<node_state id=\"uuid-1\" uname=\"pm1\" crmd=\"online\"><lrm id=\"uuid-1\"><lrm_resources>"
          "<lrm_resource id=\"p1\" type=\"Dummy\" class=\"ocf\" provider=\"heartbeat\"><lrm_rsc_op id=\"p1_start_0\" "
          "operation=\"start\" rc-code=\"0\"/></lrm_resource></lrm_resources></lrm><transient_attributes id=\"uuid-1\">"
          "<instance_attributes id=\"status-uuid-1\"><nvpair id=\"fc\" name=\"fail-count-p1\" value=\"value++\"/>"
          "</instance_attributes></transient_attributes></node_state>"),
      req(CibOperation::modify, "", "<nvpair id=\"rsc-options-migration-threshold\" value=\"value+=2\"/>"),
      req(CibOperation::remove, "", "<rsc_order id=\"o1\"/>"),
      req(CibOperation::bump, "", ""),
      req(CibOperation::upgrade, "", ""),
      req(CibOperation::erase, "", ""),
      req(CibOperation::create, "crm_config",
          "<cluster_property_set id=\"opts\"><nvpair id=\"opts-se\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set>"),
  };
  for (const auto& request : requests) {
    INFO(operation_name(request.operation) << " " << request.data);
    auto r = store.apply(request);
    INFO(r.error_message());
    REQUIRE(r.is_ok());
    CHECK(schema.errors(serialize_element(store.document().root())) == "");
    CHECK(schema.errors(persisted_text(store.document())) == "");
  }
  for (auto name : {"running", "disk-error", "pg-monitor-failed", "ping-lost", "pm1-lost",
                    "pm1-standby", "stop-timeout"}) {
    XmlDocument doc = testing::parse_or_fail(testing::read_fixture(std::string("scenarios/") + name + ".xml"));
    INFO(name);
    CHECK(schema.errors(serialize_element(doc.root())) == "");
  }
}

TEST_CASE("what pacer's validator rejects as schema errors the reference schema rejects too") {
  ReferenceSchema schema;
  auto with = [](const std::string& resources, const std::string& constraints = "") {
    return "<cib validate-with=\"pacemaker-1.0\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\">"
           "<configuration><crm_config/><nodes/><resources>" + resources + "</resources><constraints>" +
           constraints + "</constraints></configuration><status/></cib>";
  };
  std::string d = "<primitive id=\"d\" class=\"lsb\" type=\"x\"/>";
  for (const std::string& bad : {
           with("<bogus id=\"x\"/>"),
           with("<primitive id=\"p\" class=\"lsb\" type=\"x\" colour=\"red\"/>"),
           with("<primitive id=\"p\" class=\"ocf\" type=\"x\"/>"),
           with("<primitive id=\"p\" class=\"systemd\" type=\"x\"/>"),
           with("<group id=\"g\"/>"),
           with(d, "<rsc_location id=\"l\" rsc=\"d\" node=\"a\" score=\"lots\"/>"),
           with(d, "<rsc_location id=\"l\" rsc=\"d\"/>"),
           with(d, "<rsc_order id=\"o\" first=\"d\" then=\"d\" symmetrical=\"maybe\"/>"),
           with(d + "<primitive id=\"d\" class=\"lsb\" type=\"y\"/>"),
           with(d, "<rsc_location id=\"l\" rsc=\"nothere\" node=\"a\" score=\"1\"/>"),
       }) {
    INFO(bad);
    CHECK_FALSE(check_cib(testing::parse_or_fail(bad)).is_ok());
    CHECK(schema.errors(bad) != "");
  }
}

}  // namespace
}  // namespace pacer::cib
