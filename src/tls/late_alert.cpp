// SPDX-License-Identifier: MIT
// TLS 1.3 record opening (RFC 8446 §5.2, §7.1, §7.3) for late alerts.
#include "tls/late_alert.hpp"

#include <mbedtls/cipher.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>

#include <string>

namespace sipmtls::tls {
namespace {

struct Suite {
  mbedtls_cipher_type_t cipher;
  mbedtls_md_type_t hash;
  std::size_t key_len;
};

std::optional<Suite> suite_of(std::uint16_t id) {
  switch (id) {
    case 0x1301: return Suite{MBEDTLS_CIPHER_AES_128_GCM, MBEDTLS_MD_SHA256, 16};
    case 0x1302: return Suite{MBEDTLS_CIPHER_AES_256_GCM, MBEDTLS_MD_SHA384, 32};
    case 0x1303: return Suite{MBEDTLS_CIPHER_CHACHA20_POLY1305, MBEDTLS_MD_SHA256, 32};
    default: return std::nullopt;
  }
}

/// HKDF-Expand-Label(secret, label, "", len).
bool expand_label(const Suite& s, const std::vector<std::uint8_t>& secret, const std::string& label,
                  std::uint8_t* out, std::size_t len) {
  const std::string full = "tls13 " + label;
  std::vector<std::uint8_t> info{static_cast<std::uint8_t>(len >> 8), static_cast<std::uint8_t>(len),
                                 static_cast<std::uint8_t>(full.size())};
  info.insert(info.end(), full.begin(), full.end());
  info.push_back(0);  // empty context
  return mbedtls_hkdf_expand(mbedtls_md_info_from_type(s.hash), secret.data(), secret.size(), info.data(),
                             info.size(), out, len) == 0;
}

std::optional<Alert> try_open(const Suite& s, const std::uint8_t* key, const std::uint8_t* iv, std::uint64_t seq,
                              const std::vector<std::uint8_t>& record) {
  constexpr std::size_t kTag = 16;
  if (record.size() < 5 + kTag + 1 || record.size() > 5 + 256) return std::nullopt;
  std::uint8_t nonce[12];
  for (int i = 0; i < 12; ++i) nonce[i] = iv[i];
  for (int i = 0; i < 8; ++i) nonce[11 - i] ^= static_cast<std::uint8_t>(seq >> (8 * i));
  mbedtls_cipher_context_t ctx;
  mbedtls_cipher_init(&ctx);
  std::uint8_t plain[256];
  std::size_t plain_len = 0;
  int rc = mbedtls_cipher_setup(&ctx, mbedtls_cipher_info_from_type(s.cipher));
  if (rc == 0) rc = mbedtls_cipher_setkey(&ctx, key, static_cast<int>(s.key_len * 8), MBEDTLS_DECRYPT);
  if (rc == 0) {
    rc = mbedtls_cipher_auth_decrypt_ext(&ctx, nonce, sizeof nonce, record.data(), 5, record.data() + 5,
                                         record.size() - 5, plain, sizeof plain, &plain_len, kTag);
  }
  mbedtls_cipher_free(&ctx);
  if (rc != 0) return std::nullopt;
  while (plain_len > 0 && plain[plain_len - 1] == 0) --plain_len;  // padding
  // TLSInnerPlaintext: content, then the real content type.
  if (plain_len == 3 && plain[2] == 21) return Alert{plain[0], plain[1]};
  return std::nullopt;
}

}  // namespace

std::optional<Alert> open_tls13_alert(std::uint16_t suite, const std::vector<TrafficSecret>& secrets,
                                      const std::vector<std::vector<std::uint8_t>>& records) {
  const auto s = suite_of(suite);
  if (!s) return std::nullopt;
  for (const auto& secret : secrets) {
    std::uint8_t key[32], iv[12];
    if (!expand_label(*s, secret.secret, "key", key, s->key_len) || !expand_label(*s, secret.secret, "iv", iv, 12)) {
      continue;
    }
    std::optional<Alert> found;
    for (const auto& record : records) {
      for (std::uint64_t seq = 0; seq < 16 && !found; ++seq) found = try_open(*s, key, iv, seq, record);
      if (found) break;
    }
    mbedtls_platform_zeroize(key, sizeof key);
    mbedtls_platform_zeroize(iv, sizeof iv);
    if (found) return found;
  }
  return std::nullopt;
}

}  // namespace sipmtls::tls
