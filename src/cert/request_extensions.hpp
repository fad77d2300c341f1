// SPDX-License-Identifier: MIT
// The extensions a certificate request asks for (PKCS#9 extensionRequest), read from DER: SAN,
// EKU, key usage and basic constraints. mbedTLS's request parser refuses a critical EKU and
// reads only PKCS#9's attribute, not the Microsoft one Windows XP and 2003 wrote.
#pragma once

#include <string>

#include "der.hpp"
#include "sipmtls/cert/facts.hpp"

namespace sipmtls::cert {

/// Reads an Extensions SEQUENCE (as inside the extensionRequest attribute) into facts, and the
/// certificate template a Windows request names into template_name unless it is already set.
/// False when it is not a well-formed list of extensions.
bool read_requested_extensions(der::Bytes extensions, CertFacts& facts, std::string& template_name);

}  // namespace sipmtls::cert
