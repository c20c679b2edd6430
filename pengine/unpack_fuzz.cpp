// libFuzzer target: arbitrary bytes as a CIB must give a schedule or an error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/xml.h"
#include "pengine/schedule.h"
#include "pengine/transition_summary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cib = pacer::XmlDocument::parse(text, "fuzz.xml");
  if (!cib) return 0;
  auto result = pacer::pengine::schedule(*cib, 0, {});
  if (result) (void)pacer::pengine::format_transition_summary(*result);
  return 0;
}
