// SPDX-License-Identifier: MIT
// Server identity files (TOML): who a server is and what it presents and trusts.
//
//   fqdn = "sip-a.contoso.com"          # required: the server's FQDN
//   pool = "pool.contoso.com"           # optional: the pool it belongs to (peers dial this);
//                                       #   `pool_fqdn` is accepted as an older spelling
//   cert = "sip-a.pfx"                  # required: PEM, DER or PFX (paths relative to this file)
//   key = "sip-a.key"                   # optional: unless the certificate file holds it
//   password_env = "SIPA_PFX_PASS"      # optional: variable holding the PFX/key password
//   chain = ["issuing-ca.pem"]          # optional: intermediates to send
//   trust = ["root-ca.pem"]             # required: the roots this server trusts
//   crl = ["issuing-ca.crl"]            # optional
//   profile = "ocs"                     # optional: the rules this server applies to peers
#pragma once

#include <string>
#include <vector>

#include "sipmtls/app/endpoint.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::app {

struct ServerIdentity {
  std::string file;  ///< where it was read from, or "" for one built from flags
  std::string fqdn;
  std::string pool_fqdn;
  IdentitySource source;
  rules::Profile profile = rules::kDefaultProfile;

  /// The names a peer checks: the pool FQDN first when there is one, then the server FQDN.
  std::vector<std::string> names() const;
  /// "sip-a.contoso.com" or "pool.contoso.com (sip-a.contoso.com)".
  std::string label() const;
};

/// Reads and checks an identity file; errors are "FILE:LINE: what" (exit 2).
Result<ServerIdentity> load_identity_file(const std::string& path);

}  // namespace sipmtls::app
