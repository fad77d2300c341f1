// SPDX-License-Identifier: MIT
// Certificates mbedTLS refuses for their encoding, not their content: issuer/subject unique IDs
// (it expects them constructed, RFC 5280 has them primitive), validity times with a UTC offset or
// without seconds, a signature BIT STRING with unused bits. A repaired copy is what mbedTLS parses
// for the fields; the original bytes stay the certificate (fingerprint, signature, what is sent).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "der.hpp"

namespace sipmtls::cert {

struct Repaired {
  std::vector<unsigned char> der;  ///< the copy mbedTLS can parse
  std::vector<std::string> notes;  ///< what was repaired, in words
  bool signature_malformed = false;  ///< the signature BIT STRING had unused bits: it cannot verify
  std::size_t tbs_offset = 0, tbs_length = 0;  ///< the original's tbsCertificate, for signature checks
};

/// The repaired copy, or nullopt when there is nothing this can repair.
std::optional<Repaired> repair_for_mbedtls(der::Bytes der);

}  // namespace sipmtls::cert
