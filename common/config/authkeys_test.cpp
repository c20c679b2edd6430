// Tests of the authkeys parser and loader: the spec's example, every error message, the mode-600
// rule on a real file.
#include "common/config/authkeys.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

using namespace pacer::config;

namespace {

std::string error_of(std::string_view text) {
  auto result = parse_authkeys(text, "/etc/ha.d/authkeys");
  REQUIRE_FALSE(result.is_ok());
  return result.error_message();
}

AuthKeys parse_ok(std::string_view text) {
  auto result = parse_authkeys(text, "/etc/ha.d/authkeys");
  INFO(result.error_message());
  REQUIRE(result.is_ok());
  return std::move(result).value();
}

// A temporary file removed when the test ends.
class TempFile {
 public:
  explicit TempFile(std::string_view contents) {
    const int fd = mkstemp(path_);
    REQUIRE(fd >= 0);
    close(fd);
    std::ofstream(path_) << contents;
  }
  ~TempFile() { unlink(path_); }
  std::string path() const { return path_; }
  void chmod(mode_t mode) const { REQUIRE(::chmod(path_, mode) == 0); }

 private:
  char path_[32] = "/tmp/pacer-authkeys-XXXXXX";
};

constexpr std::string_view kSpecExample =
    "auth 1\n"
    "1 sha1 SomeSharedSecret\n"
    "2 md5  OldSecret\n"
    "3 crc\n";

}  // namespace

TEST_CASE("the spec's authkeys example", "[authkeys]") {
  const AuthKeys keys = parse_ok(kSpecExample);
  CHECK(keys.signing_key_id == 1);
  REQUIRE(keys.keys.size() == 3);
  CHECK(keys.signing_key().method == AuthMethod::sha1);
  CHECK(keys.signing_key().secret == "SomeSharedSecret");
  REQUIRE(keys.find(2) != nullptr);
  CHECK(keys.find(2)->method == AuthMethod::md5);
  CHECK(keys.find(2)->secret == "OldSecret");
  CHECK(keys.find(3)->method == AuthMethod::crc);
  CHECK(keys.find(3)->secret.empty());
  CHECK(keys.find(3)->line == 4);
  CHECK(keys.find(4) == nullptr);
}

TEST_CASE("sha256, key 0, comments, blanks and auth after the keys", "[authkeys]") {
  const AuthKeys keys = parse_ok(
      "# roll-over in progress\n"
      "\n"
      "   # indented comment\n"
      "0 sha256 N3wSecret#notacomment\r\n"
      "\t15 crc\n"
      "  auth 0\n");
  CHECK(keys.signing_key_id == 0);
  CHECK(keys.signing_key().method == AuthMethod::sha256);
  CHECK(keys.signing_key().secret == "N3wSecret#notacomment");
  CHECK(keys.find(15)->method == AuthMethod::crc);
}

TEST_CASE("method names round-trip", "[authkeys]") {
  for (const AuthMethod method :
       {AuthMethod::sha1, AuthMethod::md5, AuthMethod::crc, AuthMethod::sha256}) {
    CHECK(parse_auth_method(to_string(method)) == method);
  }
  CHECK_FALSE(parse_auth_method("SHA1").has_value());
  CHECK_FALSE(auth_method_needs_key(AuthMethod::crc));
  CHECK(auth_method_needs_key(AuthMethod::sha256));
}

TEST_CASE("authkeys errors", "[authkeys][errors]") {
  CHECK(error_of("") == "authkeys: Missing auth directive in keyfile");
  CHECK(error_of("1 sha1 secret\n") == "authkeys: Missing auth directive in keyfile");
  CHECK(error_of("auth 2\n1 sha1 secret\n") == "authkeys:1: Auth Key [2] not found in keyfile");
  CHECK(error_of("auth 1\n1 sha1\n") == "authkeys:2: Auth method [sha1] requires a key");
  CHECK(error_of("auth 1\n1 md5\n") == "authkeys:2: Auth method [md5] requires a key");
  CHECK(error_of("auth 1\n1 sha256\n") == "authkeys:2: Auth method [sha256] requires a key");
  CHECK(error_of("auth 1\n1 crc secret\n") == "authkeys:2: Auth method [crc] takes no key");
  CHECK(error_of("auth 1\n1 rsa secret\n") == "authkeys:2: Auth method [rsa] is not supported");
  CHECK(error_of("auth 1\n1 crc\n1 sha1 x\n") ==
        "authkeys:3: Auth key [1] defined twice (first on line 2)");
  CHECK(error_of("auth 1\nauth 1\n1 crc\n") ==
        "authkeys:2: Duplicate auth directive in keyfile (first on line 1)");
}

TEST_CASE("malformed lines are invalid and never show the secret", "[authkeys][errors]") {
  CHECK(error_of("auth\n") == "authkeys:1: Auth line [auth] is invalid.");
  CHECK(error_of("auth x\n") == "authkeys:1: Auth line [auth x] is invalid.");
  CHECK(error_of("auth 16\n") == "authkeys:1: Auth line [auth 16] is invalid.");
  CHECK(error_of("auth 1 2\n") == "authkeys:1: Auth line [auth 1 ...] is invalid.");
  CHECK(error_of("authx 1\n") == "authkeys:1: Auth line [authx 1] is invalid.");
  CHECK(error_of("auth 1\n1\n") == "authkeys:2: Auth line [1] is invalid.");
  CHECK(error_of("auth 1\n16 sha1 s3cret\n") == "authkeys:2: Auth line [16 sha1 ...] is invalid.");
  CHECK(error_of("auth 1\n-1 crc\n") == "authkeys:2: Auth line [-1 crc] is invalid.");
  CHECK(error_of("auth 1\nx sha1 s3cret\n") == "authkeys:2: Auth line [x sha1 ...] is invalid.");
  CHECK(error_of("auth 1\n1 sha1 my s3cret\n") == "authkeys:2: Auth line [1 sha1 ...] is invalid.");
}

TEST_CASE("load_authkeys enforces mode 600", "[authkeys][load]") {
  TempFile file(kSpecExample);
  const std::string expected = "Bad permissions on keyfile [" + file.path() + "], 600 recommended.";
  for (const mode_t bad : {0644, 0640, 0604, 0660, 0602, 0610, 0601}) {
    INFO("mode " << std::oct << bad);
    file.chmod(bad);
    auto result = load_authkeys(file.path());
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.error_message() == expected);
  }
  for (const mode_t good : {0600, 0400}) {
    INFO("mode " << std::oct << good);
    file.chmod(good);
    auto result = load_authkeys(file.path());
    INFO(result.error_message());
    REQUIRE(result.is_ok());
    CHECK(result->signing_key().secret == "SomeSharedSecret");
  }
}

TEST_CASE("check_authkeys_mode uses the path given", "[authkeys]") {
  CHECK(check_authkeys_mode(S_IFREG | 0644, kAuthKeysPath).message() ==
        "Bad permissions on keyfile [/etc/ha.d/authkeys], 600 recommended.");
  CHECK(check_authkeys_mode(S_IFREG | 0600, kAuthKeysPath).is_ok());
}

TEST_CASE("load_authkeys reports parse errors with the file's name", "[authkeys][load]") {
  TempFile file("auth 1\n");
  file.chmod(0600);
  auto result = load_authkeys(file.path());
  REQUIRE_FALSE(result.is_ok());
  CHECK(result.error_message() == file.path().substr(5) + ":1: Auth Key [1] not found in keyfile");
}

TEST_CASE("load_authkeys on a missing file or a directory", "[authkeys][load]") {
  auto missing = load_authkeys("/nonexistent/pacer/authkeys");
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.error_message() ==
        "Cannot open [/nonexistent/pacer/authkeys]: No such file or directory");
  auto directory = load_authkeys("/tmp");
  REQUIRE_FALSE(directory.is_ok());
  CHECK(directory.error_message() == "[/tmp] is not a regular file");
}
