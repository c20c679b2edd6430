// Line and token splitting for ha.cf (see config_tokenizer.h).
#include "common/config/config_tokenizer.h"

namespace pacer::config {
namespace {

constexpr std::string_view kSeparators = " \t,\r\f";
// `rest` keeps inner and trailing commas (they belong to command lines) but not surrounding blanks.
constexpr std::string_view kBlanks = " \t\r\f";

std::string_view trim(std::string_view text, std::string_view leading, std::string_view trailing) {
  const auto first = text.find_first_not_of(leading);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(trailing);
  return text.substr(first, last - first + 1);
}

}  // namespace

bool is_token_separator(char c) { return kSeparators.find(c) != std::string_view::npos; }

std::vector<std::string_view> split_tokens(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> tokens;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto start = text.find_first_not_of(separators, pos);
    if (start == std::string_view::npos) break;
    auto end = text.find_first_of(separators, start);
    if (end == std::string_view::npos) end = text.size();
    tokens.push_back(text.substr(start, end - start));
    pos = end;
  }
  return tokens;
}

std::vector<ConfigLine> tokenize_config(std::string_view text) {
  std::vector<ConfigLine> lines;
  int number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    ++number;
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;

    if (const auto hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    auto tokens = split_tokens(line, kSeparators);
    if (tokens.empty()) continue;

    ConfigLine parsed;
    parsed.number = number;
    parsed.directive = tokens.front();
    parsed.values.assign(tokens.begin() + 1, tokens.end());
    const auto after =
        static_cast<std::size_t>(tokens.front().data() - line.data()) + tokens.front().size();
    parsed.rest = trim(line.substr(after), kSeparators, kBlanks);
    lines.push_back(std::move(parsed));
  }
  return lines;
}

}  // namespace pacer::config
