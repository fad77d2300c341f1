// SPDX-License-Identifier: MIT
// PKCS#12 / PFX (RFC 7292): the certificates and the key of a Windows or OpenSSL export.
#pragma once

#include <string>
#include <vector>

#include "pbe.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::cert {

struct Pkcs12Content {
  std::vector<std::vector<unsigned char>> certificates;  ///< DER, in file order
  std::vector<unsigned char> key_der;                    ///< PKCS#8 (maybe encrypted), empty if none
  bool key_encrypted = false;
};

/// True when data looks like a PFX (a SEQUENCE, DER or BER, starting with INTEGER 3).
bool looks_like_pkcs12(const std::vector<unsigned char>& data);

/// Checks the MAC with the password, then decrypts and collects the bags; the key is left as
/// stored (PKCS#8, encrypted in a shrouded bag). BER input (indefinite lengths) is accepted.
/// Supports PBES2 (PBKDF2 + AES) and the PKCS#12 PBEs with 3DES, 2-key 3DES and RC2.
Result<Pkcs12Content> parse_pkcs12(const std::vector<unsigned char>& data, const PbePassword& password);

}  // namespace sipmtls::cert
