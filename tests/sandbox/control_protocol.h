// The sandbox supervisor's control protocol over its Unix socket (/run/pacer-sandbox/<name>/control.sock).
//
// One request per connection: the words of the command separated by TAB, ending with a newline
// ("power\toff\tpm1\n"). The reply is "ok\n" or "err\n" followed by free text, then EOF. Words are
// bounded (kMaxRequestBytes) and may not contain TAB or newline.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace pacer::sandbox {

inline constexpr size_t kMaxRequestBytes = 64 * 1024;

Result<std::string> encode_request(const std::vector<std::string>& words);
// nullopt until the request's newline has arrived; an error for an oversized request.
Result<std::optional<std::vector<std::string>>> decode_request(std::string_view buffer);

struct Reply {
  bool ok = false;
  std::string text;
};
std::string encode_reply(const Reply& reply);
Reply decode_reply(std::string_view data);

}  // namespace pacer::sandbox
