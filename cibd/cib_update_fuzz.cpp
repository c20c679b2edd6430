// libFuzzer target on the XML update path: any bytes, as any operation, must be applied or
// rejected — never crash, never exhaust memory (entity expansion off, size and depth limits) —
// and a rejected update must leave the CIB byte-for-byte unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cibd/cib_document.h"
#include "cibd/cib_store.h"
#include "cibd/cib_xml_input.h"

namespace {

constexpr const char* kBase =
    "<cib validate-with=\"pacemaker-1.0\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\">"
    "<configuration><crm_config><cluster_property_set id=\"opts\"><nvpair id=\"opt-a\" name=\"a\" "
    "value=\"1\"/></cluster_property_set></crm_config><nodes/><resources><primitive id=\"d1\" "
    "class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></resources><constraints/>"
    "</configuration><status/></cib>";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pacer::cib;
  if (size == 0) return 0;
  // The first byte picks the operation and target; the rest is the request's XML.
  CibRequest request;
  switch (data[0]) {
    case 'C': request.operation = CibOperation::create; break;
    case 'M': request.operation = CibOperation::modify; request.can_create = (data[0] & 1) != 0; break;
    case 'S': request.operation = CibOperation::modify; request.section = "status"; request.can_create = true; break;
    case 'R': request.operation = CibOperation::replace; break;
    case 'D': request.operation = CibOperation::remove; break;
    case 'X': request.operation = CibOperation::query; break;
    default: request.operation = CibOperation::modify; break;
  }
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  if (request.operation == CibOperation::query) request.xpath = body;
  else request.data = body;

  auto base = parse_cib_xml(kBase, "base");
  if (!base) std::abort();
  XmlLimits limits;
  limits.max_bytes = 1 << 20;
  CibStore store(std::move(*base), nullptr, limits);
  std::string before = store.document().serialize();
  auto result = store.apply(request);
  if (!result && store.document().serialize() != before) std::abort();  // a rejection changed the CIB
  return 0;
}
