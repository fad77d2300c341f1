// SPDX-License-Identifier: MIT
// Parsed certificates and private keys (mbedTLS behind an opaque handle) and how to load them.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sipmtls/cert/facts.hpp"
#include "sipmtls/result.hpp"

struct mbedtls_x509_crt;
struct mbedtls_pk_context;

namespace sipmtls::cert {

/// One parsed X.509 certificate; cheap to copy (shared, immutable).
class Certificate {
 public:
  /// Parses one DER certificate; the error names what is wrong with it.
  static Result<Certificate> parse_der(std::span<const unsigned char> der);

  const CertFacts& facts() const;
  std::span<const unsigned char> der() const;
  /// The tbsCertificate as signed (of the original bytes, also when a repaired copy was parsed).
  std::span<const unsigned char> signed_bytes() const;
  /// The signature's encoding is broken (BIT STRING with unused bits): it never verifies.
  bool signature_malformed() const;
  const mbedtls_x509_crt* native() const;
  /// True when both hold the same DER bytes.
  bool same_as(const Certificate& other) const;

  struct Impl;

 private:
  explicit Certificate(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

/// A private key; its memory is zeroised when the last copy goes.
class PrivateKey {
 public:
  /// Parses PEM or DER (PKCS#1, SEC1, PKCS#8 with attributes, encrypted PKCS#8); an empty
  /// password tries both the empty and the absent password (RFC 7292 B.1).
  static Result<PrivateKey> parse(std::span<const unsigned char> data, const std::string& password);

  mbedtls_pk_context* native() const;
  /// True when the key is the private half of the certificate's public key.
  bool matches(const Certificate& cert) const;
  /// True when this is the private half of a SubjectPublicKeyInfo (a certificate request's key).
  bool matches_public_key(std::span<const unsigned char> spki) const;

  struct Impl;
  static PrivateKey from_impl(std::shared_ptr<Impl> impl);

 private:
  explicit PrivateKey(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

/// Where a password comes from: an environment variable, else a prompt without echo on a tty.
struct PasswordSource {
  std::string env_var;       ///< name of the variable, empty for none
  bool prompt_on_tty = true;
  std::string side;          ///< whose file, for the prompt: "server A"; empty for the only one
};

/// What one file held: certificates in file order (leaf first) and, for a PFX or a PEM
/// bundle with a key, the private key.
struct LoadedFile {
  std::string path;
  std::string format;  ///< "PEM", "DER", "PKCS#12"
  std::vector<Certificate> certs;
  std::shared_ptr<PrivateKey> key;
};

/// Loads certificates from PEM (one or more), DER or PKCS#12/PFX; errors name the file.
Result<LoadedFile> load_certificate_file(const std::string& path, const PasswordSource& password);
/// Loads a private key from PEM or DER, asking for a password only when the key is encrypted.
Result<PrivateKey> load_private_key(const std::string& path, const PasswordSource& password);
/// Loads every certificate of the given files, and of the *.pem/*.crt/*.cer/*.der files in
/// the given directories.
Result<std::vector<Certificate>> load_certificates(const std::vector<std::string>& paths);

/// Every "CERTIFICATE" block of PEM text, in order; the error names the damaged block.
Result<std::vector<Certificate>> parse_pem_certificates(std::span<const unsigned char> pem);

/// A DER Name (as in a TLS CertificateRequest) in the text form of CertFacts::subject.
std::optional<std::string> distinguished_name_text(std::span<const unsigned char> der);

/// Reads a whole file; the error names the file and the reason.
Result<std::vector<unsigned char>> read_file(const std::string& path);

/// What identifies a certificate in a store, read without parsing it whole.
struct CertificateKey {
  std::string sha256;             ///< as CertFacts::sha256
  std::string subject_canonical;  ///< as CertFacts::subject_canonical
};
/// Every certificate of a PEM or DER file, or of a directory's .pem/.crt/.cer/.der files;
/// unreadable or malformed ones are skipped (a public store, not the user's input).
std::vector<CertificateKey> scan_certificates(const std::string& path);

}  // namespace sipmtls::cert
