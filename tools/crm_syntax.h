// The crm shell's configuration language, as text: files as pm_crmgen writes them (comment
// headers, "\" continuations, tab indentation) split into statements of tokens, each knowing its
// line, so that an error can name the line and the token. No meaning is given here
// (crm_to_xml.h does that).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace pacer::tools {

struct CrmToken {
  std::string text;  // quotes removed: name="a b" -> name=a b
  int line = 0;
  bool quoted = false;  // some part was quoted (so "=" or ":" inside is literal)
};

struct CrmStatement {
  std::vector<CrmToken> tokens;      // tokens[0] is the keyword
  std::vector<std::string> comments;  // "# ..." lines just before it, whole ("### Cluster Option ###")
  int line = 0;                       // where it starts
  std::string keyword() const { return tokens.empty() ? "" : tokens.front().text; }
};

// Splits `text` (named `source` in errors) into statements. Fails on an unterminated quote or
// a continuation at the end of the input.
Result<std::vector<CrmStatement>> split_crm(std::string_view text, std::string_view source);

// "source:LINE: message near 'token'".
Status crm_error(std::string_view source, const CrmToken& token, std::string_view message);

}  // namespace pacer::tools
