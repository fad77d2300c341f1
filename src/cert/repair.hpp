// SPDX-License-Identifier: MIT
// Certificates mbedTLS refuses for their encoding, not their content: issuer/subject unique IDs
// (it expects them constructed, RFC 5280 has them primitive), validity times with a UTC offset or
// without seconds, a signature BIT STRING with unused bits, DSA keys and signatures (a placeholder
// key and algorithm stand in for mbedTLS; the facts say DSA and nothing verifies with them). A repaired copy is what mbedTLS parses
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
  bool dsa_key = false;              ///< a DSA key, replaced by a placeholder
  int dsa_key_bits = 0;              ///< its prime's size; 0 when its parameters are inherited
  std::string dsa_signature;         ///< "DSA-SHA1" when signed with DSA (not verifiable here)
  std::size_t tbs_offset = 0, tbs_length = 0;  ///< the original's tbsCertificate, for signature checks
};

/// The repaired copy, or nullopt when there is nothing this can repair.
std::optional<Repaired> repair_for_mbedtls(der::Bytes der);

}  // namespace sipmtls::cert
