// The authkeys parser and loader (see authkeys.h).
#include "common/config/authkeys.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/config/config_file.h"
#include "common/config/config_scalars.h"
#include "common/config/config_tokenizer.h"

namespace pacer::config {
namespace {

struct MethodName {
  std::string_view name;
  AuthMethod method;
};

constexpr std::array<MethodName, 4> kMethods = {{
    {"sha1", AuthMethod::sha1},
    {"md5", AuthMethod::md5},
    {"crc", AuthMethod::crc},
    {"sha256", AuthMethod::sha256},
}};

constexpr std::string_view kBlanks = " \t\r\f";

// The line as an error message may show it: only the first two words, because the third is a
// secret and error messages end up in logs.
std::string shown_line(const std::vector<std::string_view>& words) {
  std::string shown;
  for (std::size_t i = 0; i < words.size() && i < 2; ++i) {
    if (i > 0) shown += ' ';
    shown += words[i];
  }
  if (words.size() > 2) shown += " ...";
  return shown;
}

class AuthKeysParser {
 public:
  explicit AuthKeysParser(std::string_view file_name) {
    const auto slash = file_name.rfind('/');
    label_ = std::string(slash == std::string_view::npos ? file_name : file_name.substr(slash + 1));
  }

  Result<AuthKeys> parse(std::string_view text) {
    int number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      ++number;
      auto end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view line = text.substr(pos, end - pos);
      pos = end + 1;
      if (auto status = parse_line(line, number); !status) return status;
    }
    return finish();
  }

 private:
  Status error(int line, std::string_view reason) const {
    if (line <= 0) return Status::error(fmt::format("{}: {}", label_, reason));
    return Status::error(fmt::format("{}:{}: {}", label_, line, reason));
  }

  Status parse_line(std::string_view line, int number) {
    const auto first = line.find_first_not_of(kBlanks);
    if (first == std::string_view::npos || line[first] == '#') return Status::ok();
    const auto words = split_tokens(line, kBlanks);
    // Heartbeat reads any line starting with `a` as `auth N`.
    if (line[first] == 'a') return parse_auth(words, number);
    return parse_key(words, number);
  }

  Status parse_auth(const std::vector<std::string_view>& words, int number) {
    const auto id = words.size() == 2 && words[0] == "auth"
                        ? parse_bounded_integer(words[1], 0, kMaxAuthKeyId)
                        : std::nullopt;
    if (!id) return invalid_line(words, number);
    if (auth_line_ != 0) {
      return error(number, fmt::format("Duplicate auth directive in keyfile (first on line {})",
                                       auth_line_));
    }
    auth_line_ = number;
    keys_.signing_key_id = static_cast<int>(*id);
    return Status::ok();
  }

  Status parse_key(const std::vector<std::string_view>& words, int number) {
    if (words.size() < 2 || words.size() > 3) return invalid_line(words, number);
    const auto id = parse_bounded_integer(words[0], 0, kMaxAuthKeyId);
    if (!id) return invalid_line(words, number);
    const auto method = parse_auth_method(words[1]);
    if (!method) return error(number, fmt::format("Auth method [{}] is not supported", words[1]));
    const bool has_secret = words.size() == 3;
    if (auth_method_needs_key(*method) && !has_secret) {
      return error(number, fmt::format("Auth method [{}] requires a key", words[1]));
    }
    if (!auth_method_needs_key(*method) && has_secret) {
      return error(number, fmt::format("Auth method [{}] takes no key", words[1]));
    }
    if (const AuthKey* earlier = keys_.find(static_cast<int>(*id))) {
      return error(number, fmt::format("Auth key [{}] defined twice (first on line {})", *id,
                                       earlier->line));
    }
    keys_.keys.push_back(AuthKey{static_cast<int>(*id), *method,
                                 has_secret ? std::string(words[2]) : std::string(), number});
    return Status::ok();
  }

  Status invalid_line(const std::vector<std::string_view>& words, int number) const {
    return error(number, fmt::format("Auth line [{}] is invalid.", shown_line(words)));
  }

  Result<AuthKeys> finish() {
    if (auth_line_ == 0) return error(0, "Missing auth directive in keyfile");
    if (keys_.find(keys_.signing_key_id) == nullptr) {
      return error(auth_line_,
                   fmt::format("Auth Key [{}] not found in keyfile", keys_.signing_key_id));
    }
    return std::move(keys_);
  }

  std::string label_;
  AuthKeys keys_;
  int auth_line_ = 0;
};

}  // namespace

std::string_view to_string(AuthMethod method) {
  for (const MethodName& entry : kMethods) {
    if (entry.method == method) return entry.name;
  }
  return "unknown";
}

std::optional<AuthMethod> parse_auth_method(std::string_view name) {
  for (const MethodName& entry : kMethods) {
    if (entry.name == name) return entry.method;
  }
  return std::nullopt;
}

bool auth_method_needs_key(AuthMethod method) { return method != AuthMethod::crc; }

const AuthKey* AuthKeys::find(int id) const {
  const auto it =
      std::find_if(keys.begin(), keys.end(), [&](const AuthKey& key) { return key.id == id; });
  return it == keys.end() ? nullptr : &*it;
}

const AuthKey& AuthKeys::signing_key() const { return *find(signing_key_id); }

Result<AuthKeys> parse_authkeys(std::string_view text, std::string_view file_name) {
  return AuthKeysParser(file_name).parse(text);
}

Status check_authkeys_mode(mode_t mode, std::string_view path) {
  // Any group or other bit: a key others can read (or replace) protects nothing.
  if ((mode & 077) != 0) {
    return Status::error(fmt::format("Bad permissions on keyfile [{}], 600 recommended.", path));
  }
  return Status::ok();
}

Result<AuthKeys> load_authkeys(const std::string& path) {
  auto contents = read_config_file(path, kMaxAuthKeysBytes);
  if (!contents) return contents.status();
  if (auto status = check_authkeys_mode(contents->mode, path); !status) return status;
  return parse_authkeys(contents->text, path);
}

}  // namespace pacer::config
