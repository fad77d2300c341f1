// SPDX-License-Identifier: MIT
// The mbedTLS objects behind Certificate and PrivateKey (internal to cert/ and tls/).
#pragma once

#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include <functional>
#include <optional>
#include <vector>
#include <span>
#include <string>

#include "sipmtls/cert/certificate.hpp"

namespace sipmtls::cert {

struct Certificate::Impl {
  Impl() { mbedtls_x509_crt_init(&crt); }
  ~Impl() { mbedtls_x509_crt_free(&crt); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  mbedtls_x509_crt crt;  // exactly one certificate (parsed from a repaired copy, see repair.hpp)
  CertFacts facts;
  std::vector<unsigned char> original;  // the certificate as given, when crt holds a repaired copy
  std::span<const unsigned char> original_tbs;
  bool signature_malformed = false;
};

struct PrivateKey::Impl {
  Impl() { mbedtls_pk_init(&pk); }
  ~Impl() { mbedtls_pk_free(&pk); }  // mbedtls_pk_free zeroises the key material
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  mbedtls_pk_context pk;
};

/// SHA-256 of data, upper-case hex.
std::string sha256_hex(std::span<const unsigned char> data);
std::string sha1_hex(std::span<const unsigned char> data);
/// "mbedTLS error -0x2180": the code, for a report to a maintainer, after the words.
std::string error_code_text(int code);
/// What an mbedTLS X.509 parse error means, in words (the code follows in brackets).
std::string describe_x509_error(int code);
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
/// The same over an Extensions SEQUENCE's DER (a request's extensionRequest); false when it or
/// one of its extensions is malformed (the well-formed ones are still visited).
bool for_each_extension(std::span<const unsigned char> extensions,
                        const std::function<void(const ExtensionFacts&, std::span<const unsigned char>)>& visit);
/// A DER string's characters as UTF-8 (UTF8, Printable, Teletex, IA5, BMP, Universal String);
/// nullopt when the tag is no character string.
std::optional<std::string> as_utf8(unsigned char tag, std::span<const unsigned char> value);
/// An iPAddress GeneralName's 4 or 16 bytes as text ("192.0.2.1", "2001:db8:0:0:0:0:0:1").
std::string ip_text(std::span<const unsigned char> ip);
/// A DER Name's RDNs in comparable form (RFC 5280 §7.1): string types unified, case folded,
/// white space collapsed; nullopt when it is no Name.
std::optional<std::vector<std::string>> canonical_rdns(std::span<const unsigned char> name);
/// The whole Name in comparable form: equal strings mean the names match under RFC 5280 §7.1.
std::string canonical_name(std::span<const unsigned char> name);
/// An mbedtls_x509_crt_ext_cb_t that accepts every extension mbedTLS cannot parse itself; the
/// rules judge them from the DER.
int accept_extension(void* ctx, const mbedtls_x509_crt* crt, const mbedtls_x509_buf* oid, int critical,
                     const unsigned char* p, const unsigned char* end);
/// A DER UTCTime (0x17) or GeneralizedTime (0x18); UTC offsets are applied; nullopt when malformed.
std::optional<UnixTime> der_time(unsigned char tag, std::span<const unsigned char> value);
/// A process-wide DRBG for mbedTLS calls that need randomness (thread-safe).
int random_bytes(void* ctx, unsigned char* out, std::size_t len);
/// Initialises PSA crypto once; safe to call often.
void ensure_crypto_initialised();

}  // namespace sipmtls::cert
