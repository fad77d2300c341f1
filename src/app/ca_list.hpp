// SPDX-License-Identifier: MIT
// CertificateRequest CA lists (LCS-RULES §5): the one a listener sends, as its peers' clients
// see it, and the one a server sends us, as Schannel and other clients would take it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/identity.hpp"
#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/finding.hpp"

namespace sipmtls::app {

/// The size of the CertificateRequest's certificate_authorities list for this trust store (each
/// name with its two-byte length), and how many names fit in 16 KB.
struct CaListSize {
  std::size_t bytes = 0;
  std::size_t names = 0;
  std::size_t names_that_fit = 0;
};
CaListSize ca_list_size(const std::vector<cert::Certificate>& trust);

/// CA_LIST_TRUNCATED when the list exceeds 16 KB: Schannel truncates it there (event 36885,
/// KB 2464556) and mbedTLS sends only what fits in one record, so a client whose issuer is left
/// out may offer no certificate. nullopt below the limit.
std::optional<Finding> ca_list_finding(const CaListSize& size);

/// ISSUER_NOT_IN_CA_LIST when the CA names a server sent (as text) leave out our issuer: a
/// Windows client then offers no certificate. nullopt when they name it or there are none.
std::optional<Finding> issuer_not_in_ca_list(const std::vector<std::string>& names, const Identity& us,
                                             const std::string& label);

}  // namespace sipmtls::app
