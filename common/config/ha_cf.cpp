// The ha.cf parser's pipeline: tokenize, apply each line through the directive table in file
// order (order matters: udpport and baud affect only the media after them), then derive defaults
// and run the whole-file checks.
#include "common/config/ha_cf.h"

#include <fmt/format.h>

#include "common/config/config_file.h"
#include "common/config/config_tokenizer.h"
#include "common/config/ha_cf_directives.h"
#include "common/config/ha_cf_finish.h"
#include "common/config/ha_cf_parse_state.h"
#include "common/config/pacemaker_expansion.h"

namespace pacer::config {

Result<HaConfig> parse_ha_cf(std::string_view text, std::string_view file_name,
                             const HaCfEnvironment& env) {
  ParseState state(file_name, env);
  // Defaults that the file may override line by line.
  state.config.udpport = env.udp_service_port("ha-cluster").value_or(kDefaultUdpPort);
  state.config.apiauth = builtin_apiauth();

  for (const ConfigLine& line : tokenize_config(text)) {
    const DirectiveSpec* spec = find_directive(line.directive);
    if (spec == nullptr) {
      return state.error_at(line.number, fmt::format("Illegal directive [{}] in {}", line.directive,
                                                     state.file_path));
    }
    if (auto status = spec->handler(state, line); !status) {
      return state.error_at(line.number, status.message());
    }
    state.last_line[std::string(line.directive)] = line.number;
  }

  if (auto status = finish_ha_config(state); !status) return status;
  return std::move(state.config);
}

Result<HaConfig> load_ha_cf(const std::string& path, const HaCfEnvironment& env) {
  auto contents = read_config_file(path, kMaxHaCfBytes);
  if (!contents) return contents.status();
  return parse_ha_cf(contents->text, path, env);
}

}  // namespace pacer::config
