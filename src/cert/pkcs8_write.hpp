// SPDX-License-Identifier: MIT
// A private key written as PKCS#8 PEM (RFC 5958), encrypted with PBES2 (RFC 8018: PBKDF2 with
// HMAC-SHA256, AES-256-CBC) when a password is given: what OpenSSL, Java and Windows all read.
#pragma once

#include <mbedtls/pk.h>

#include <string>

#include "sipmtls/result.hpp"

namespace sipmtls::cert {

/// password: nullptr for "PRIVATE KEY", else "ENCRYPTED PRIVATE KEY".
Result<std::string> pkcs8_pem(const mbedtls_pk_context& key, const std::string* password);

}  // namespace sipmtls::cert
