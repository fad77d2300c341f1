// SPDX-License-Identifier: MIT
// PrivateKey: PEM/DER keys, plain or encrypted (PKCS#8 with PBES2 or the PKCS#12 PBEs, and
// OpenSSL's traditional PEM encryption). PKCS#8 is decrypted and trimmed here, so keys with
// Windows' attributes or RFC 5958 fields load; mbedTLS parses what remains.
#include <mbedtls/error.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>

#include <cstring>

#include "native.hpp"
#include "password.hpp"
#include "pkcs8.hpp"

namespace sipmtls::cert {
namespace {

constexpr const char* kPkcs8Labels[][2] = {
    {"-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----"},
    {"-----BEGIN ENCRYPTED PRIVATE KEY-----", "-----END ENCRYPTED PRIVATE KEY-----"},
};

// The DER of the first PKCS#8 PEM block in text (NUL-terminated), if there is one.
std::optional<std::vector<unsigned char>> pkcs8_pem_block(const std::vector<unsigned char>& text) {
  for (const auto& label : kPkcs8Labels) {
    if (std::strstr(reinterpret_cast<const char*>(text.data()), label[0]) == nullptr) continue;
    mbedtls_pem_context pem;
    mbedtls_pem_init(&pem);
    std::size_t used = 0;
    const int rc = mbedtls_pem_read_buffer(&pem, label[0], label[1], text.data(), nullptr, 0, &used);
    std::optional<std::vector<unsigned char>> out;
    if (rc == 0) {
      std::size_t len = 0;
      const unsigned char* der = mbedtls_pem_get_buffer(&pem, &len);
      out.emplace(der, der + len);
    }
    mbedtls_pem_free(&pem);  // zeroises its copy
    return out;
  }
  return std::nullopt;
}

Result<PrivateKey> parse_with_mbedtls(std::vector<unsigned char>& buf, const std::string& password) {
  auto impl = std::make_shared<PrivateKey::Impl>();
  const int rc = mbedtls_pk_parse_key(&impl->pk, buf.data(), buf.size(),
                                      reinterpret_cast<const unsigned char*>(password.data()),
                                      password.size(), random_bytes, nullptr);
  if (rc == MBEDTLS_ERR_PK_PASSWORD_REQUIRED) return password_error("the key is encrypted and needs a password");
  if (rc == MBEDTLS_ERR_PK_PASSWORD_MISMATCH) return password_error("wrong password for the encrypted key");
  if (rc == MBEDTLS_ERR_PK_UNKNOWN_PK_ALG) return input_error("the private key's algorithm is not supported (only RSA and EC keys are)");
  if (rc != 0) {
    return input_error("not a private key in a form that can be read (PKCS#1, SEC1 or PKCS#8, PEM or DER; " +
                       error_code_text(rc) + ")");
  }
  return PrivateKey::from_impl(std::move(impl));
}

// A PKCS#8 key (DER), decrypted with the first password that fits and trimmed for mbedTLS; other
// DER keys (PKCS#1, SEC1) go to mbedTLS as they are.
Result<PrivateKey> parse_pkcs8(std::vector<unsigned char> der, std::span<const PbePassword> passwords) {
  WipeOnExit wipe_der(der);
  if (is_encrypted_pkcs8(der)) {
    Result<std::vector<unsigned char>> plain = password_error("the key is encrypted and needs a password");
    for (const PbePassword& p : passwords) {
      plain = decrypt_pkcs8(der, p);
      if (plain || plain.error().cause != ErrorCause::Password) break;
    }
    if (!plain) return plain.error();
    return parse_pkcs8(std::move(plain.value()), {});
  }
  if (auto trimmed = plain_pkcs8(der)) {
    WipeOnExit wipe_trimmed(*trimmed);
    return parse_with_mbedtls(*trimmed, "");
  }
  return parse_with_mbedtls(der, "");
}

}  // namespace

Result<PrivateKey> parse_private_key(std::span<const unsigned char> data, std::span<const PbePassword> passwords) {
  ensure_crypto_initialised();
  std::vector<unsigned char> buf;
  buf.reserve(data.size() + 1);  // room for the NUL: no reallocation leaves key bytes behind
  buf.assign(data.begin(), data.end());
  WipeOnExit wipe_buf(buf);
  const bool pem = std::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()).find("-----BEGIN") !=
                   std::string_view::npos;
  if (!pem) return parse_pkcs8(buf, passwords);  // PKCS#8 (maybe encrypted); PKCS#1 and SEC1 pass through
  buf.push_back('\0');  // PEM input must include its terminating NUL for mbedTLS
  if (auto block = pkcs8_pem_block(buf)) return parse_pkcs8(std::move(*block), passwords);
  // Traditional PEM (PKCS#1 or SEC1), perhaps encrypted with a DEK-Info header.
  static const std::string kNone;
  return parse_with_mbedtls(buf, passwords.empty() ? kNone : passwords.front().utf8);
}

Result<PrivateKey> PrivateKey::parse(std::span<const unsigned char> data, const std::string& password) {
  if (!password.empty()) {
    PbePassword given[] = {{password, false}};
    WipeOnExit wipe_given(given[0].utf8);
    return parse_private_key(data, given);
  }
  // No password yet: a key exported "without a password" uses an empty or an absent one.
  const PbePassword none[] = {{"", false}, {"", true}};
  return parse_private_key(data, none);
}

PrivateKey PrivateKey::from_impl(std::shared_ptr<Impl> impl) { return PrivateKey(std::move(impl)); }

mbedtls_pk_context* PrivateKey::native() const { return &impl_->pk; }

bool PrivateKey::matches(const Certificate& cert) const {
  return mbedtls_pk_check_pair(&cert.native()->pk, &impl_->pk, random_bytes, nullptr) == 0;
}

bool PrivateKey::matches_public_key(std::span<const unsigned char> spki) const {
  mbedtls_pk_context pub;
  mbedtls_pk_init(&pub);
  const bool ok = mbedtls_pk_parse_public_key(&pub, spki.data(), spki.size()) == 0 &&
                  mbedtls_pk_check_pair(&pub, &impl_->pk, random_bytes, nullptr) == 0;
  mbedtls_pk_free(&pub);
  return ok;
}

}  // namespace sipmtls::cert
