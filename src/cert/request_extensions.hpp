// SPDX-License-Identifier: MIT
// The extensions a certificate request asks for (PKCS#9 extensionRequest), read from DER: SAN,
// EKU, key usage and basic constraints. mbedTLS's request parser refuses a critical EKU and
// reads only PKCS#9's attribute, not the Microsoft one Windows XP and 2003 wrote.
#pragma once

#include "der.hpp"
#include "sipmtls/cert/facts.hpp"

namespace sipmtls::cert {

/// Reads an Extensions SEQUENCE (as inside the extensionRequest attribute) into facts.
/// False when it is not a well-formed list of extensions.
bool read_requested_extensions(der::Bytes extensions, CertFacts& facts);

/// A BMPString's contents (UTF-16 big-endian) as UTF-8.
std::string bmp_to_utf8(der::Bytes bmp);

}  // namespace sipmtls::cert
