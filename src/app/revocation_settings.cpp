// SPDX-License-Identifier: MIT
// --revocation and --crl-cache turned into the online lookup the chain builder asks.
#include "sipmtls/app/endpoint.hpp"

namespace sipmtls::app {

std::shared_ptr<const cert::RevocationLookup> online_lookup(const RevocationSettings& s, double timeout_s) {
  if (s.mode == cert::RevocationMode::Off) return nullptr;
  return std::make_shared<const cert::OnlineRevocation>(cert::OnlineRevocationOptions{timeout_s, s.cache_dir});
}

}  // namespace sipmtls::app
