// SPDX-License-Identifier: MIT
// PKCS#8 private keys as Windows, Java and OpenSSL write them (RFC 5208, RFC 5958).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "der.hpp"
#include "pbe.hpp"
#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::cert {

/// True when der is an EncryptedPrivateKeyInfo (algorithm, encrypted OCTET STRING).
bool is_encrypted_pkcs8(der::Bytes der);

/// Decrypts an EncryptedPrivateKeyInfo into the PrivateKeyInfo it holds (the caller wipes it).
Result<std::vector<unsigned char>> decrypt_pkcs8(der::Bytes der, const PbePassword& password);

/// A PrivateKeyInfo with only what mbedTLS reads: version 0, algorithm and key. Windows writes
/// the optional attributes [0] (a key usage attribute), RFC 5958 adds publicKey [1] and
/// version 1; mbedTLS refuses all three. nullopt when der is no PrivateKeyInfo that needs this.
std::optional<std::vector<unsigned char>> plain_pkcs8(der::Bytes der);

/// Parses a key (PEM or DER, any form PrivateKey::parse takes), decrypting PKCS#8 with the
/// first of the passwords that fits.
Result<PrivateKey> parse_private_key(std::span<const unsigned char> data, std::span<const PbePassword> passwords);

}  // namespace sipmtls::cert
