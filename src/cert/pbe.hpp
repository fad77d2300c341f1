// SPDX-License-Identifier: MIT
// Password-based encryption as PKCS#12 and PKCS#8 use it: the password forms, the PKCS#12 KDF's
// BMPString, and decryption with PBES2 (PBKDF2 + AES/3DES) or the PKCS#12 PBEs (3DES, RC2).
#pragma once

#include <string>
#include <vector>

#include "der.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::cert {

/// A password as the PBE schemes take it. Absent differs from empty for the PKCS#12 KDF:
/// RFC 7292 B.1 gives an empty password its two-byte terminator, while Windows and .NET
/// exports "without a password" use no bytes at all.
struct PbePassword {
  std::string utf8;
  bool absent = false;
};

/// The PKCS#12 KDF's form of the password (RFC 7292 B.1): UTF-16 big-endian with a 00 00
/// terminator, converted from UTF-8 (bytes that are not UTF-8 are taken as Latin-1); empty
/// when the password is absent. The caller wipes it.
std::vector<unsigned char> kdf_password(const PbePassword& password);

/// Decrypts data with the AlgorithmIdentifier given (its contents: OID and parameters).
/// A wrong password is a password_error; an unknown scheme an input_error naming its OID.
Result<std::vector<unsigned char>> pbe_decrypt(der::Bytes algorithm, der::Bytes data, const PbePassword& password);

}  // namespace sipmtls::cert
