// Reading /etc/ha.d/authkeys: the shared keys that sign and verify every heartbeat packet
// (spec: ha-cf.md section 4).
//
//   auth 1
//   1 sha1 SomeSharedSecret
//   2 md5  OldSecret
//   3 crc
//
// `auth N` picks the key that signs outgoing packets; incoming packets are accepted when signed
// with any listed key, which is how keys are rolled over. Errors start with "<file>:<line>: "
// (<file> is the base name) and keep Heartbeat's wording. Error messages never contain a secret.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace pacer::config {

inline constexpr std::string_view kAuthKeysPath = "/etc/ha.d/authkeys";
inline constexpr std::size_t kMaxAuthKeysBytes = 64 * 1024;
inline constexpr int kMaxAuthKeyId = 15;

// sha256 is pacer's addition; the others are Heartbeat's. crc only detects corruption.
enum class AuthMethod { sha1, md5, crc, sha256 };

std::string_view to_string(AuthMethod method);
std::optional<AuthMethod> parse_auth_method(std::string_view name);  // exact, lower case
bool auth_method_needs_key(AuthMethod method);

struct AuthKey {
  int id = 0;  // 0..15
  AuthMethod method = AuthMethod::sha1;
  std::string secret;  // empty for crc
  int line = 0;
};

struct AuthKeys {
  int signing_key_id = 0;
  std::vector<AuthKey> keys;  // in file order, ids unique

  const AuthKey* find(int id) const;
  // Precondition: built by parse_authkeys, which guarantees the key exists.
  const AuthKey& signing_key() const;
};

Result<AuthKeys> parse_authkeys(std::string_view text, std::string_view file_name);

// Heartbeat refuses a key file that group or others may access:
// "Bad permissions on keyfile [<path>], 600 recommended."
Status check_authkeys_mode(mode_t mode, std::string_view path);

// Reads `path` (at most kMaxAuthKeysBytes), checks its mode, then parses it.
Result<AuthKeys> load_authkeys(const std::string& path);

}  // namespace pacer::config
