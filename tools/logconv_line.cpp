// Splitting a log line. Anything that does not look like either layout gives nullopt: pm_logconv
// skips such lines rather than guessing.
#include "tools/logconv_line.h"

#include <array>
#include <cctype>

namespace pacer::tools {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view next_word(std::string_view& rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  size_t end = rest.find(' ');
  std::string_view word = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  return word;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool is_time(std::string_view s) {
  return s.size() == 8 && all_digits(s.substr(0, 2)) && s[2] == ':' && all_digits(s.substr(3, 2)) &&
         s[5] == ':' && all_digits(s.substr(6, 2));
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "info: text" -> level "info", text "text". Levels as Heartbeat and the agents print them.
void split_level(std::string_view rest, LogLine& out) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  size_t colon = rest.find(": ");
  if (colon != std::string_view::npos && colon <= 8) {
    std::string_view word = rest.substr(0, colon);
    for (std::string_view level : {"debug", "info", "notice", "WARN", "ERROR", "CRIT", "EMERG",
                                   "INFO", "WARNING", "crit", "emerg", "warning", "error"}) {
      if (word == level) {
        out.level = std::string(word);
        out.text = std::string(rest.substr(colon + 2));
        return;
      }
    }
  }
  out.text = std::string(rest);
}

// "crmd[1996]:" or "crmd:" -> "crmd".
bool process_name(std::string_view word, std::string& out) {
  if (word.size() < 2 || word.back() != ':') return false;
  word.remove_suffix(1);
  if (size_t bracket = word.find('['); bracket != std::string_view::npos) {
    if (word.back() != ']' || !all_digits(word.substr(bracket + 1, word.size() - bracket - 2)))
      return false;
    word = word.substr(0, bracket);
  }
  if (word.empty()) return false;
  out = std::string(word);
  return true;
}

}  // namespace

int month_number(std::string_view month) {
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (kMonths[i] == month) return static_cast<int>(i) + 1;
  return 0;
}

std::string_view month_name(int month) {
  return month >= 1 && month <= 12 ? kMonths[static_cast<size_t>(month - 1)] : std::string_view("???");
}

std::optional<LogLine> parse_log_line(std::string_view line) {
  if (line.size() > 65536) return std::nullopt;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  LogLine out;
  std::string_view rest = line;
  std::string_view first = next_word(rest);
  if (first.empty()) return std::nullopt;
  if (std::isalpha(static_cast<unsigned char>(first.front())) && month_number(first) != 0) {
    // Syslog layout.
    std::string_view day = next_word(rest);
    std::string_view time = next_word(rest);
    std::string_view host = next_word(rest);
    std::string_view proc = next_word(rest);
    if (!all_digits(day) || day.size() > 2 || !is_time(time) || host.empty()) return std::nullopt;
    if (!process_name(proc, out.process)) return std::nullopt;
    // "crmd: [1996]: info: ..." carries the pid as its own word.
    std::string_view peek = rest;
    std::string_view pid = next_word(peek);
    if (pid.size() > 3 && pid.front() == '[' && pid.substr(pid.size() - 2) == "]:" &&
        all_digits(pid.substr(1, pid.size() - 3)))
      rest = peek;
    out.month = std::string(first);
    out.day = to_int(day);
    out.time = std::string(time);
    out.host = std::string(host);
    split_level(rest, out);
    // rsyslog escapes control characters ($EscapeControlCharactersOnReceive, on by default): the
    // tab in pengine's "LogActions: Move    resource prmEx\t(Started pm1 -> pm2)" arrives as "#011".
    for (size_t at = out.text.find("#011"); at != std::string::npos; at = out.text.find("#011", at + 1))
      out.text.replace(at, 4, "\t");
    return out;
  }
  // Classic layout: "crmd[1996]: 2011/07/11_18:53:34 info: text".
  if (!process_name(first, out.process)) return std::nullopt;
  std::string_view stamp = next_word(rest);
  if (stamp.size() != 19 || stamp[4] != '/' || stamp[7] != '/' || stamp[10] != '_' ||
      !all_digits(stamp.substr(0, 4)) || !all_digits(stamp.substr(5, 2)) ||
      !all_digits(stamp.substr(8, 2)) || !is_time(stamp.substr(11)))
    return std::nullopt;
  out.year = to_int(stamp.substr(0, 4));
  int month = to_int(stamp.substr(5, 2));
  if (month < 1 || month > 12) return std::nullopt;
  out.month = std::string(month_name(month));
  out.day = to_int(stamp.substr(8, 2));
  out.time = std::string(stamp.substr(11));
  split_level(rest, out);
  return out;
}

}  // namespace pacer::tools
