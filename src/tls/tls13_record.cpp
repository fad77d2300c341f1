// SPDX-License-Identifier: MIT
// TLS 1.3 record opening with a known traffic secret.
#include "tls/tls13_record.hpp"

#include <mbedtls/cipher.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>

#include <string>

namespace sipmtls::tls {
namespace {

constexpr std::size_t kTag = 16;
constexpr std::size_t kMaxRecordBody = (1u << 14) + 256;  // RFC 8446 §5.2

/// HKDF-Expand-Label(secret, label, "", len).
bool expand_label(mbedtls_md_type_t hash, std::span<const std::uint8_t> secret, const std::string& label,
                  std::uint8_t* out, std::size_t len) {
  const std::string full = "tls13 " + label;
  std::vector<std::uint8_t> info{static_cast<std::uint8_t>(len >> 8), static_cast<std::uint8_t>(len),
                                 static_cast<std::uint8_t>(full.size())};
  info.insert(info.end(), full.begin(), full.end());
  info.push_back(0);  // empty context
  return mbedtls_hkdf_expand(mbedtls_md_info_from_type(hash), secret.data(), secret.size(), info.data(),
                             info.size(), out, len) == 0;
}

}  // namespace

Tls13Opener::Tls13Opener(std::uint16_t suite, std::span<const std::uint8_t> secret) {
  struct SuiteKeys {
    std::uint16_t id;
    mbedtls_cipher_type_t cipher;
    std::size_t key_len;
    mbedtls_md_type_t hash;
  };
  static constexpr SuiteKeys kSuites[] = {
      {0x1301, MBEDTLS_CIPHER_AES_128_GCM, 16, MBEDTLS_MD_SHA256},
      {0x1302, MBEDTLS_CIPHER_AES_256_GCM, 32, MBEDTLS_MD_SHA384},
      {0x1303, MBEDTLS_CIPHER_CHACHA20_POLY1305, 32, MBEDTLS_MD_SHA256},
  };
  for (const auto& s : kSuites) {
    if (s.id != suite) continue;
    cipher_ = s.cipher;
    key_len_ = s.key_len;
    usable_ = expand_label(s.hash, secret, "key", key_, key_len_) && expand_label(s.hash, secret, "iv", iv_, sizeof iv_);
  }
}

Tls13Opener::~Tls13Opener() {
  mbedtls_platform_zeroize(key_, sizeof key_);
  mbedtls_platform_zeroize(iv_, sizeof iv_);
}

std::optional<OpenedRecord> Tls13Opener::open(std::uint64_t seq, std::span<const std::uint8_t> record) const {
  if (!usable_ || record.size() < 5 + kTag + 1 || record.size() > 5 + kMaxRecordBody) return std::nullopt;
  std::uint8_t nonce[12];
  for (int i = 0; i < 12; ++i) nonce[i] = iv_[i];
  for (int i = 0; i < 8; ++i) nonce[11 - i] ^= static_cast<std::uint8_t>(seq >> (8 * i));
  OpenedRecord out;
  out.content.resize(record.size() - 5);
  std::size_t plain_len = 0;
  mbedtls_cipher_context_t ctx;
  mbedtls_cipher_init(&ctx);
  int rc = mbedtls_cipher_setup(&ctx, mbedtls_cipher_info_from_type(static_cast<mbedtls_cipher_type_t>(cipher_)));
  if (rc == 0) rc = mbedtls_cipher_setkey(&ctx, key_, static_cast<int>(key_len_ * 8), MBEDTLS_DECRYPT);
  if (rc == 0) {
    rc = mbedtls_cipher_auth_decrypt_ext(&ctx, nonce, sizeof nonce, record.data(), 5, record.data() + 5,
                                         record.size() - 5, out.content.data(), out.content.size(), &plain_len,
                                         kTag);
  }
  mbedtls_cipher_free(&ctx);
  if (rc != 0) return std::nullopt;
  out.content.resize(plain_len);
  while (!out.content.empty() && out.content.back() == 0) out.content.pop_back();  // padding
  if (out.content.empty()) return std::nullopt;  // no content type: not a valid record
  out.type = out.content.back();
  out.content.pop_back();
  return out;
}

}  // namespace sipmtls::tls
