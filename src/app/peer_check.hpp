// SPDX-License-Identifier: MIT
// Judging the certificate chain a peer presented, as LCS would, and the alert it would send.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/identity.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/rules/evaluate.hpp"

namespace sipmtls::app {

struct PeerCheck {
  std::vector<Finding> findings;
  std::string chain;  ///< chain_name() of the built path
  std::vector<report::CertSummary> certificates;  ///< as received
  std::string matched_name;  ///< the expected name used for the verdict
};

/// Builds the path from what the peer sent (leaf first) plus our trust store and CRLs, and
/// applies the profile's rules. `alternatives`: the peer passes when it answers for any one of
/// them (each a list: the FQDN first, then names that must also be present); none: names are
/// not checked.
PeerCheck check_peer(const std::vector<cert::Certificate>& received, const Identity& us, rules::Context ctx,
                     const std::vector<std::vector<std::string>>& alternatives);

/// The alert LCS (Schannel) would end the handshake with for these findings; nullopt: accept.
std::optional<std::uint8_t> lcs_alert(const std::vector<Finding>& findings);

/// The same rules applied to our own chain as the peer sees it (no names): why a peer that
/// rejected us may have done so.
std::vector<Finding> check_ourselves(const Identity& us, rules::Context ctx);

}  // namespace sipmtls::app
