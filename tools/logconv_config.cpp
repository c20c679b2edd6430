// INI parsing for pm_logconv.conf: "[Section]", "key = value", "#" / ";" comments. Python's
// ConfigParser, which the original used, accepts "key: value" too.
#include "tools/logconv_config.h"

#include <cctype>
#include <sstream>

#include <fmt/format.h>

namespace pacer::tools {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Result<LogconvConfig> parse_logconv_config(std::string_view text, std::string_view source) {
  LogconvConfig config;
  std::string section;
  std::set<std::string> ignored_sections;
  int line_no = 0;
  std::istringstream in{std::string(text)};
  for (std::string raw; std::getline(in, raw);) {
    ++line_no;
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    auto where = [&](const std::string& why) {
      return Status::error(fmt::format("{}:{}: {}", source, line_no, why));
    };
    if (line[0] == '[') {
      if (line.back() != ']') return where("a section header must end in ']'");
      section = trim(std::string_view(line).substr(1, line.size() - 2));
      continue;
    }
    size_t sep = line.find_first_of("=:");
    if (sep == std::string::npos || sep == 0) return where("expected 'key = value'");
    std::string key = lower(trim(std::string_view(line).substr(0, sep)));
    std::string value = trim(std::string_view(line).substr(sep + 1));
    if (section.empty()) return where("a key before any [section]");
    if (section != "Settings") {
      ignored_sections.insert(section);
      continue;
    }
    if (key == "ha_log_path") config.ha_log_path = value;
    else if (key == "output_path") config.output_path = value;
    else if (key == "hacf_path") config.hacf_path = value;
    else if (key == "hostcache_path") config.hostcache_path = value;
    else if (key == "logconv_logfacility") config.logfacility = value;
    else if (key == "syslogformat") {
      std::string v = lower(value);
      if (v == "true" || v == "yes" || v == "on" || v == "1") config.syslog_format = true;
      else if (v == "false" || v == "no" || v == "off" || v == "0") config.syslog_format = false;
      else return where(fmt::format("syslogformat must be True or False, not '{}'", value));
    } else if (key == "reset_interval") {
      try {
        size_t used = 0;
        config.reset_interval_s = std::stoi(value, &used);
        if (used != value.size() || config.reset_interval_s <= 0) throw std::invalid_argument("");
      } catch (...) {
        return where(fmt::format("reset_interval must be a positive number of seconds, not '{}'", value));
      }
    } else if (key == "act_rsc") {
      config.act_rsc.clear();
      std::string item;
      std::istringstream items(value);
      while (std::getline(items, item, ',')) {
        item = trim(item);
        if (!item.empty()) config.act_rsc.push_back(item);
      }
    } else if (key.starts_with("attribute_")) {
      auto rule = parse_attribute_rule(key, value);
      if (!rule) return where(rule.error_message());
      config.attribute_rules.push_back(std::move(*rule));
    } else {
      config.warnings.push_back(fmt::format("{}:{}: unknown key '{}' ignored", source, line_no, key));
    }
  }
  for (auto& s : ignored_sections)
    config.warnings.push_back(fmt::format(
        "{}: section [{}] ignored: pacer's message catalogue is built in", source, s));
  return config;
}

std::set<std::string> ping_hosts_from_hacf(std::string_view hacf) {
  std::set<std::string> hosts;
  std::istringstream in{std::string(hacf)};
  for (std::string line; std::getline(in, line);) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string directive;
    if (!(words >> directive)) continue;
    if (directive == "ping") {
      for (std::string h; words >> h;) hosts.insert(h);
    } else if (directive == "ping_group") {
      std::string group;
      words >> group;
      for (std::string h; words >> h;) hosts.insert(h);
    }
  }
  return hosts;
}

std::map<std::string, std::string> parse_hostcache(std::string_view text) {
  std::map<std::string, std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string name, uuid;
    if (words >> name >> uuid) out[uuid] = name;
  }
  return out;
}

}  // namespace pacer::tools
