// SPDX-License-Identifier: MIT
// PrivateKey: PEM/DER keys, plain or encrypted (PKCS#8 PBES2 and PKCS#12 PBE).
#include <mbedtls/error.h>
#include <mbedtls/pk.h>

#include "native.hpp"
#include "password.hpp"

namespace sipmtls::cert {

Result<PrivateKey> PrivateKey::parse(std::span<const unsigned char> data, const std::string& password) {
  ensure_crypto_initialised();
  auto impl = std::make_shared<Impl>();
  // PEM input must include its terminating NUL for mbedTLS.
  std::vector<unsigned char> buf(data.begin(), data.end());
  const bool pem = std::string_view(reinterpret_cast<const char*>(buf.data()), buf.size())
                       .find("-----BEGIN") != std::string_view::npos;
  if (pem) buf.push_back('\0');
  WipeOnExit wipe_buf(buf);
  const int rc = mbedtls_pk_parse_key(&impl->pk, buf.data(), buf.size(),
                                      reinterpret_cast<const unsigned char*>(password.data()),
                                      password.size(), random_bytes, nullptr);
  if (rc == MBEDTLS_ERR_PK_PASSWORD_REQUIRED) return password_error("the key is encrypted and needs a password");
  if (rc == MBEDTLS_ERR_PK_PASSWORD_MISMATCH) return password_error("wrong password for the encrypted key");
  if (rc != 0) return input_error("not a private key mbedTLS can read: " + mbedtls_error_text(rc));
  return PrivateKey(std::move(impl));
}

mbedtls_pk_context* PrivateKey::native() const { return &impl_->pk; }

bool PrivateKey::matches(const Certificate& cert) const {
  return mbedtls_pk_check_pair(&cert.native()->pk, &impl_->pk, random_bytes, nullptr) == 0;
}

}  // namespace sipmtls::cert
