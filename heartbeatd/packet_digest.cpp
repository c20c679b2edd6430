#include "heartbeatd/packet_digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

namespace pacer::heartbeat {

std::string packet_digest(const config::AuthKey& key, std::string_view packet_bytes) {
  const EVP_MD* md = nullptr;
  switch (key.method) {
    case config::AuthMethod::sha1: md = EVP_sha1(); break;
    case config::AuthMethod::md5: md = EVP_md5(); break;
    case config::AuthMethod::sha256: md = EVP_sha256(); break;
    case config::AuthMethod::crc: {
      uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(packet_bytes.data()),
                        static_cast<uInt>(packet_bytes.size()));
      std::string out(4, '\0');
      for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((crc >> (8 * i)) & 0xff);
      return out;
    }
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(md, key.secret.data(), static_cast<int>(key.secret.size()),
       reinterpret_cast<const unsigned char*>(packet_bytes.data()), packet_bytes.size(), mac,
       &mac_len);
  return std::string(reinterpret_cast<const char*>(mac), mac_len);
}

bool digests_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace pacer::heartbeat
