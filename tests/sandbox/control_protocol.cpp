// Encoding and decoding of the supervisor's control requests and replies.
#include "tests/sandbox/control_protocol.h"

namespace pacer::sandbox {

Result<std::string> encode_request(const std::vector<std::string>& words) {
  if (words.empty()) return Status::error("empty request");
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].find_first_of("\t\n") != std::string::npos)
      return Status::error("request word may not contain TAB or newline: " + words[i]);
    if (i) out += '\t';
    out += words[i];
  }
  out += '\n';
  if (out.size() > kMaxRequestBytes) return Status::error("request too large");
  return out;
}

Result<std::optional<std::vector<std::string>>> decode_request(std::string_view buffer) {
  auto nl = buffer.find('\n');
  if (nl == std::string_view::npos) {
    if (buffer.size() >= kMaxRequestBytes) return Status::error("request too large");
    return std::optional<std::vector<std::string>>();
  }
  std::string_view line = buffer.substr(0, nl);
  std::vector<std::string> words;
  size_t start = 0;
  for (;;) {
    auto tab = line.find('\t', start);
    words.emplace_back(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (words.size() == 1 && words[0].empty()) return Status::error("empty request");
  return std::optional<std::vector<std::string>>(std::move(words));
}

std::string encode_reply(const Reply& reply) { return (reply.ok ? "ok\n" : "err\n") + reply.text; }

Reply decode_reply(std::string_view data) {
  Reply r;
  auto nl = data.find('\n');
  std::string_view head = data.substr(0, nl);
  r.ok = head == "ok";
  if (nl != std::string_view::npos) r.text = std::string(data.substr(nl + 1));
  else if (!r.ok) r.text = "malformed reply from the supervisor";
  return r;
}

}  // namespace pacer::sandbox
