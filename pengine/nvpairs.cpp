// Helpers shared by the unpack stages: nvpair sets, booleans, intervals, error locations.
#include "pengine/nvpairs.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace pacer::pengine {

Status read_nvpair_sets(XmlNode parent, std::string_view set_name, Attributes& out) {
  for (XmlNode set : parent.children(set_name)) {
    for (XmlNode pair : set.children("nvpair")) {
      auto name = pair.attribute("name");
      if (!name) return Status::error(describe(pair) + ": nvpair without a name");
      out.emplace(*name, pair.attribute("value").value_or(""));
    }
  }
  return Status::ok();
}

bool is_true(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "true" || lower == "on" || lower == "yes" || lower == "y" || lower == "1";
}

std::string describe(XmlNode element) {
  auto id = element.attribute("id");
  if (id) return fmt::format("<{} id=\"{}\"> (line {})", element.name(), *id, element.line());
  return fmt::format("<{}> (line {})", element.name(), element.line());
}

Result<long long> parse_interval_ms(std::string_view text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || value < 0)
    return Status::error(fmt::format("invalid interval '{}'", text));
  std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
  if (unit.empty() || unit == "s" || unit == "sec") return value * 1000;
  if (unit == "ms" || unit == "msec") return value;
  if (unit == "m" || unit == "min") return value * 60 * 1000;
  if (unit == "h" || unit == "hr") return value * 3600 * 1000;
  return Status::error(fmt::format("invalid interval '{}'", text));
}

}  // namespace pacer::pengine
