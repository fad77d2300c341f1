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

/// The peers a listener accepts: each --expect-name is one peer; "pool,fe1" is a pool FQDN with
/// its members' names (the alternatives of check_peer).
std::vector<std::vector<std::string>> expected_peers(const std::vector<std::string>& expect_names);

/// PEER_SENT_NO_CERT for a client that presented none. A client may choose its certificate by
/// our CA list, which mbedTLS 3.6 sends in TLS 1.2 only (it has no TLS 1.3
/// certificate_authorities extension): with `tls13` the finding says so.
Finding no_client_certificate(const std::string& label, bool tls13);

/// The alert LCS (Schannel) would end the handshake with for these findings; nullopt: accept.
std::optional<std::uint8_t> lcs_alert(const std::vector<Finding>& findings);

/// The same rules applied to our own chain as the peer sees it (no names): why a peer that
/// rejected us may have done so.
std::vector<Finding> check_ourselves(const Identity& us, rules::Context ctx);

}  // namespace sipmtls::app
