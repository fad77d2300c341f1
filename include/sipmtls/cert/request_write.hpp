// SPDX-License-Identifier: MIT
// A new key pair and its PKCS#10 request (mbedTLS x509write_csr), and the key as PKCS#8 PEM,
// encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) when a password is given.
#pragma once

#include <string>
#include <vector>

#include "sipmtls/result.hpp"

namespace sipmtls::cert {

enum class KeySpec { Rsa2048, Rsa3072, Rsa4096, P256, P384 };
inline bool is_ecdsa(KeySpec k) { return k == KeySpec::P256 || k == KeySpec::P384; }
inline int key_bits(KeySpec k) {
  switch (k) {
    case KeySpec::Rsa3072: return 3072;
    case KeySpec::Rsa4096: return 4096;
    case KeySpec::P256: return 256;
    case KeySpec::P384: return 384;
    default: return 2048;
  }
}

struct RequestSpec {
  std::string subject;             ///< "CN=pool.contoso.com"
  std::vector<std::string> dns;    ///< SAN dNSNames, in order
  std::vector<std::string> uris;   ///< SAN URIs ("sip:contoso.com")
  KeySpec key = KeySpec::Rsa2048;
};

/// The key and request, PEM. The destructor wipes the key.
struct NewRequest {
  NewRequest() = default;
  NewRequest(const NewRequest&) = delete;
  NewRequest& operator=(const NewRequest&) = delete;
  NewRequest(NewRequest&&) = default;
  ~NewRequest();
  std::string csr_pem;
  std::string key_pem;  ///< "ENCRYPTED PRIVATE KEY" with a password, else "PRIVATE KEY"
};

/// Generates the key and signs the request with SHA-256: EKU serverAuth + clientAuth, key usage
/// digitalSignature + keyEncipherment (RSA) or digitalSignature (ECDSA).
/// password: nullptr for an unencrypted key.
Result<NewRequest> make_request(const RequestSpec& spec, const std::string* password);

}  // namespace sipmtls::cert
