// Splitting crm text into statements. A statement is a logical line: physical lines joined where
// one ends in a backslash. A line whose first non-blank character is "#" is a comment (kept for
// the next statement, whole, as the crm shell keeps it in the CIB); "#uname" inside a rule is not at
// the start of a line, so it stays a token.
#include "tools/crm_syntax.h"

#include <fmt/format.h>

namespace pacer::tools {
namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

Status crm_error(std::string_view source, const CrmToken& token, std::string_view message) {
  return Status::error(fmt::format("{}:{}: {} near '{}'", source, token.line, message, token.text));
}

Result<std::vector<CrmStatement>> split_crm(std::string_view text, std::string_view source) {
  std::vector<CrmStatement> out;
  std::vector<std::string> comments;
  CrmStatement current;
  bool continuing = false;
  int line_no = 0;
  CrmToken token;
  bool in_token = false;
  char quote = 0;
  int quote_line = 0;

  auto finish_token = [&] {
    if (in_token) current.tokens.push_back(std::move(token));
    token = CrmToken{};
    in_token = false;
  };
  auto finish_statement = [&] {
    if (!current.tokens.empty()) {
      current.comments = std::move(comments);
      comments.clear();
      out.push_back(std::move(current));
    }
    current = CrmStatement{};
  };

  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    bool last = end >= text.size();
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    std::string_view trimmed = trim(line);
    if (!continuing && quote == 0) {
      if (trimmed.empty()) {
        if (last) break;
        continue;
      }
      if (trimmed.front() == '#') {
        comments.emplace_back(trimmed);
        if (last) break;
        continue;
      }
      current.line = line_no;
    }
    // A trailing backslash (outside quotes) continues the statement on the next line.
    bool continues = false;
    std::string_view body = line;
    if (quote == 0) {
      std::string_view t = trim(body);
      if (!t.empty() && t.back() == '\\') {
        continues = true;
        body = t.substr(0, t.size() - 1);
      }
    }
    for (char c : body) {
      if (quote) {
        if (c == quote) quote = 0;
        else token.text += c;
        continue;
      }
      if (blank(c)) {
        finish_token();
        continue;
      }
      if (!in_token) {
        in_token = true;
        token.line = line_no;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        quote_line = line_no;
        token.quoted = true;
        continue;
      }
      token.text += c;
    }
    if (quote) {
      token.text += '\n';  // a quoted value spanning lines keeps its newline
    } else {
      finish_token();
      if (!continues) finish_statement();
    }
    continuing = continues;
    if (last) break;
  }
  if (quote) {
    return Status::error(fmt::format("{}:{}: unterminated {} quote", source, quote_line,
                                     quote == '"' ? "double" : "single"));
  }
  if (continuing) {
    return Status::error(fmt::format("{}:{}: the last statement ends in a continuation '\\'",
                                     source, line_no));
  }
  finish_statement();
  return out;
}

}  // namespace pacer::tools
