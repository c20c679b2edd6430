// md5 over the canonical parameter form (see op_digest.h for why the form is what it is).
#include "pengine/op_digest.h"

#include <openssl/evp.h>

#include <fmt/format.h>

namespace pacer::pengine {
namespace {

void append_escaped(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

}  // namespace

std::string canonical_parameters(const Attributes& params, long long interval_ms,
                                 long long timeout_ms) {
  Attributes all = params;  // std::map: keys come out sorted, as the reference sorts them
  if (interval_ms > 0) all["CRM_meta_timeout"] = std::to_string(timeout_ms);
  std::string out = " <parameters";
  for (const auto& [key, value] : all) {
    out += ' ';
    out += key;
    out += "=\"";
    append_escaped(out, value);
    out += '"';
  }
  out += "/>\n";
  return out;
}

std::string op_digest(const Attributes& params, long long interval_ms, long long timeout_ms) {
  std::string text = canonical_parameters(params, interval_ms, timeout_ms);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), md, &length, EVP_md5(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex;
}

}  // namespace pacer::pengine
