// libFuzzer target: any text through the crm parser (split, statements to XML); what it accepts
// must print back as crm text without failing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tools/crm_from_xml.h"
#include "tools/crm_to_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 256 * 1024) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto xml = pacer::tools::parse_crm_configuration(text, "fuzz.crm");
  if (!xml) return 0;
  auto shown = pacer::tools::configuration_to_crm(xml->root());
  if (!shown) __builtin_trap();
  return 0;
}
