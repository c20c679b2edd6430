// Splits the text of a Heartbeat-style configuration file (ha.cf) into numbered lines of tokens.
//
// The rules are Heartbeat's: a `#` anywhere starts a comment that runs to the end of the line,
// blank lines are skipped, tokens are separated by space, tab, comma, CR and FF. The returned views
// point into the text given, which must outlive them.
#pragma once

#include <string_view>
#include <vector>

namespace pacer::config {

struct ConfigLine {
  int number = 0;                        // 1-based line number in the file
  std::string_view directive;            // first token
  std::vector<std::string_view> values;  // the remaining tokens
  // Everything after the directive with the comment and surrounding blanks removed. Directives
  // whose arguments are a command line (respawn, apiauth, env) read this instead of the comma-split
  // tokens.
  std::string_view rest;
};

// True for the characters that separate tokens on a line.
bool is_token_separator(char c);

// Every non-blank, non-comment line of `text`, in order.
std::vector<ConfigLine> tokenize_config(std::string_view text);

// Splits `text` on the characters in `separators`, dropping empty tokens.
std::vector<std::string_view> split_tokens(std::string_view text, std::string_view separators);

}  // namespace pacer::config
