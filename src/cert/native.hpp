// SPDX-License-Identifier: MIT
// The mbedTLS objects behind Certificate and PrivateKey (internal to cert/ and tls/).
#pragma once

#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include <functional>
#include <span>
#include <string>

#include "sipmtls/cert/certificate.hpp"

namespace sipmtls::cert {

struct Certificate::Impl {
  Impl() { mbedtls_x509_crt_init(&crt); }
  ~Impl() { mbedtls_x509_crt_free(&crt); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  mbedtls_x509_crt crt;  // exactly one certificate
  CertFacts facts;
};

struct PrivateKey::Impl {
  Impl() { mbedtls_pk_init(&pk); }
  ~Impl() { mbedtls_pk_free(&pk); }  // mbedtls_pk_free zeroises the key material
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  mbedtls_pk_context pk;
};

/// Upper-case hex of bytes, optionally colon separated ("0A:1B").
std::string hex(const unsigned char* p, std::size_t n, bool colons);
/// Extracts the plain facts of a parsed certificate.
CertFacts extract_facts(const mbedtls_x509_crt& crt);
/// What mbedTLS leaves unparsed: extension criticality, SKI/AKI, CDP and AIA URIs.
void extract_extensions(const mbedtls_x509_crt& crt, CertFacts& facts);
/// Calls visit with each extension of an Extensions buffer (a certificate's v3_ext, a CRL's
/// crl_ext) and the contents of its extnValue.
void for_each_extension(const mbedtls_x509_buf& extensions,
                        const std::function<void(const ExtensionFacts&, std::span<const unsigned char>)>& visit);
/// mbedTLS error code as text: "X509 - The CRT/CRL/CSR format is invalid (-0x2180)".
std::string mbedtls_error_text(int code);
/// A process-wide DRBG for mbedTLS calls that need randomness (thread-safe).
int random_bytes(void* ctx, unsigned char* out, std::size_t len);
/// Initialises PSA crypto once; safe to call often.
void ensure_crypto_initialised();

}  // namespace sipmtls::cert
