// libFuzzer target: crm_mon -x reads a CIB file from anywhere; any bytes that parse as XML go
// through the status interpretation and every output format.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tools/crm_mon_simple.h"
#include "tools/crm_mon_text.h"
#include "tools/crm_mon_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pacer;
  using namespace pacer::tools;
  if (size > 512 * 1024) return 0;
  auto doc = XmlDocument::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml");
  if (!doc) return 0;
  auto view = build_cluster_view(*doc);
  if (!view) return 0;
  MonitorDisplay display;
  display.fail_counts = display.attributes = display.inactive = true;
  (void)format_monitor_text(*view, display);
  display.operations = true;
  display.group_by_node = true;
  (void)format_monitor_text(*view, display);
  (void)format_monitor_xml(*view, "now");
  (void)simple_status(*view);
  return 0;
}
