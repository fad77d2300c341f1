// SPDX-License-Identifier: MIT
// Opening TLS 1.3 records (RFC 8446 §5.2, key schedule §7.1, traffic keys §7.3) with a traffic
// secret from mbedTLS's key export: for what mbedTLS reads but does not tell (a late alert, the
// server's CertificateRequest and its certificate_authorities).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace sipmtls::tls {

/// One record's TLSInnerPlaintext: the real content type and the content, padding removed.
struct OpenedRecord {
  std::uint8_t type = 0;
  std::vector<std::uint8_t> content;
};

/// The write key and IV of one traffic secret (TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,
/// TLS_CHACHA20_POLY1305_SHA256); wiped when it goes.
class Tls13Opener {
 public:
  Tls13Opener(std::uint16_t suite, std::span<const std::uint8_t> secret);
  ~Tls13Opener();
  Tls13Opener(const Tls13Opener&) = delete;
  Tls13Opener& operator=(const Tls13Opener&) = delete;
  /// False for a suite other than those three.
  bool usable() const { return usable_; }
  /// The record (header included) opened as the seq-th of its epoch; nullopt when it does not.
  std::optional<OpenedRecord> open(std::uint64_t seq, std::span<const std::uint8_t> record) const;

 private:
  bool usable_ = false;
  int cipher_ = 0;  ///< mbedtls_cipher_type_t
  std::size_t key_len_ = 0;
  std::uint8_t key_[32] = {};
  std::uint8_t iv_[12] = {};
};

}  // namespace sipmtls::tls
