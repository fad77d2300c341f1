// SPDX-License-Identifier: MIT
// Certificate: one parsed X.509 certificate with its facts computed once.
#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509.h>

#include <cstring>

#include "native.hpp"
#include "repair.hpp"

namespace sipmtls::cert {

std::string error_code_text(int code) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "mbedTLS error -0x%04X", static_cast<unsigned>(-code));
  return buf;
}

std::string describe_x509_error(int code) {
  const int high = -((-code) & 0xFF80);
  const char* words = nullptr;
  switch (high) {
    case MBEDTLS_ERR_X509_INVALID_FORMAT: words = "it is not a well-formed X.509 certificate"; break;
    case MBEDTLS_ERR_X509_INVALID_VERSION: words = "its version field is malformed"; break;
    case MBEDTLS_ERR_X509_INVALID_SERIAL: words = "its serial number is malformed"; break;
    case MBEDTLS_ERR_X509_INVALID_ALG: words = "an algorithm identifier in it is malformed"; break;
    case MBEDTLS_ERR_X509_INVALID_NAME: words = "its issuer or subject name is malformed"; break;
    case MBEDTLS_ERR_X509_INVALID_DATE: words = "its validity dates are malformed"; break;
    case MBEDTLS_ERR_X509_INVALID_SIGNATURE: words = "its signature is malformed"; break;
    case MBEDTLS_ERR_X509_INVALID_EXTENSIONS: words = "an extension is malformed or appears twice"; break;
    case MBEDTLS_ERR_X509_UNKNOWN_VERSION: words = "its X.509 version is unknown"; break;
    case MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG: words = "it is signed with an algorithm that is not supported (e.g. DSA)"; break;
    case MBEDTLS_ERR_X509_SIG_MISMATCH: words = "the signature algorithms inside and outside it differ"; break;
    case MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE: words = "it uses an X.509 feature that is not supported"; break;
    case MBEDTLS_ERR_PK_UNKNOWN_PK_ALG: words = "its public key algorithm is not supported (RSA and EC keys are)"; break;
    case MBEDTLS_ERR_PK_INVALID_PUBKEY: words = "its public key is malformed"; break;
    default: break;
  }
  return std::string(words != nullptr ? words : "it cannot be read") + " (" + error_code_text(code) + ")";
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
  int rc = mbedtls_x509_crt_parse_der_with_ext_cb(&impl->crt, der.data(), der.size(), /*make_copy=*/1,
                                                  accept_extension, nullptr);
  std::vector<std::string> repairs;
  std::optional<Repaired> dsa;
  if (rc != 0) {
    // Refused for its encoding? Parse a repaired copy; the original stays the certificate.
    auto repaired = repair_for_mbedtls(der);
    if (!repaired) return input_error(describe_x509_error(rc));
    mbedtls_x509_crt_free(&impl->crt);
    mbedtls_x509_crt_init(&impl->crt);
    if (mbedtls_x509_crt_parse_der_with_ext_cb(&impl->crt, repaired->der.data(), repaired->der.size(), 1,
                                               accept_extension, nullptr) != 0) {
      return input_error(describe_x509_error(rc));
    }
    impl->original.assign(der.begin(), der.end());
    impl->original_tbs = std::span<const unsigned char>(impl->original).subspan(repaired->tbs_offset, repaired->tbs_length);
    impl->signature_malformed = repaired->signature_malformed || !repaired->dsa_signature.empty();
    repairs = std::move(repaired->notes);
    dsa = std::move(*repaired);
  }
  impl->facts = extract_facts(impl->crt);
  if (dsa && dsa->dsa_key) {
    impl->facts.key_type = KeyType::Dsa;
    impl->facts.key_bits = dsa->dsa_key_bits;
    impl->facts.key_curve.clear();
  }
  if (dsa && !dsa->dsa_signature.empty()) {
    impl->facts.signature_algorithm = dsa->dsa_signature;
    impl->facts.signature_hash = dsa->dsa_signature.substr(4);
  }
  if (!impl->original.empty()) {
    impl->facts.sha256 = sha256_hex(impl->original);
    impl->facts.sha1 = sha1_hex(impl->original);
    impl->facts.encoding_flaws = std::move(repairs);
  }
  return Certificate(std::move(impl));
}

std::span<const unsigned char> Certificate::signed_bytes() const {
  if (!impl_->original.empty()) return impl_->original_tbs;
  return {impl_->crt.tbs.p, impl_->crt.tbs.len};
}

bool Certificate::signature_malformed() const { return impl_->signature_malformed; }

const CertFacts& Certificate::facts() const { return impl_->facts; }

std::span<const unsigned char> Certificate::der() const {
  if (!impl_->original.empty()) return impl_->original;
  return {impl_->crt.raw.p, impl_->crt.raw.len};
}

const mbedtls_x509_crt* Certificate::native() const { return &impl_->crt; }

bool Certificate::same_as(const Certificate& other) const {
  return der().size() == other.der().size() &&
         std::memcmp(der().data(), other.der().data(), der().size()) == 0;
}

}  // namespace sipmtls::cert
