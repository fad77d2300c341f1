// SPDX-License-Identifier: MIT
// PKCS#7 / CMS certificate bundles (.p7b, .p7c): what a Windows CA's web enrolment hands out.
#pragma once

#include <optional>
#include <vector>

#include "der.hpp"

namespace sipmtls::cert {

/// The certificates of a PKCS#7 SignedData (RFC 2315 §9.1, RFC 5652 §5.1), DER or BER, in file
/// order; nullopt when data is not a SignedData ContentInfo.
std::optional<std::vector<std::vector<unsigned char>>> pkcs7_certificates(der::Bytes data);

}  // namespace sipmtls::cert
