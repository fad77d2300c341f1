// SPDX-License-Identifier: MIT
// Certificate: one parsed X.509 certificate with its facts computed once.
#include <mbedtls/error.h>

#include <cstring>

#include "native.hpp"

namespace sipmtls::cert {

std::string mbedtls_error_text(int code) {
  char buf[160];
  mbedtls_strerror(code, buf, sizeof buf);
  char hex[24];
  std::snprintf(hex, sizeof hex, " (-0x%04X)", static_cast<unsigned>(-code));
  return std::string(buf) + hex;
}

// Every extension mbedTLS has no parser for is accepted here: name constraints, policy
// constraints and mappings, inhibitAnyPolicy, policies other than anyPolicy and private ones.
// The rules read them from the DER (extensions.cpp) and enforce them, or report an unknown
// critical extension as a finding rather than a certificate that cannot be loaded at all.
int accept_extension(void*, const mbedtls_x509_crt*, const mbedtls_x509_buf*, int, const unsigned char*,
                     const unsigned char*) {
  return 0;
}

Result<Certificate> Certificate::parse_der(std::span<const unsigned char> der) {
  auto impl = std::make_shared<Impl>();
  const int rc = mbedtls_x509_crt_parse_der_with_ext_cb(&impl->crt, der.data(), der.size(), /*make_copy=*/1,
                                                        accept_extension, nullptr);
  if (rc != 0) return input_error(mbedtls_error_text(rc));
  impl->facts = extract_facts(impl->crt);
  return Certificate(std::move(impl));
}

const CertFacts& Certificate::facts() const { return impl_->facts; }

std::span<const unsigned char> Certificate::der() const {
  return {impl_->crt.raw.p, impl_->crt.raw.len};
}

const mbedtls_x509_crt* Certificate::native() const { return &impl_->crt; }

bool Certificate::same_as(const Certificate& other) const {
  return der().size() == other.der().size() &&
         std::memcmp(der().data(), other.der().data(), der().size()) == 0;
}

}  // namespace sipmtls::cert
