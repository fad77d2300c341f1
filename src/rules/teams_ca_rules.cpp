// SPDX-License-Identifier: MIT
// Teams Direct Routing: since 1 February 2022 its SIP interface trusts only SBC certificates
// from CAs in the Microsoft Trusted Root Certificate Program ([C] "What's new for Direct
// Routing", Teams/direct-routing-whats-new.md, "Certificate authorities"; docs/TEAMS.md). The
// system's public store (Mozilla's, which Debian ships) stands in for the program's list.
#include "internal.hpp"

namespace sipmtls::rules {

std::vector<Finding> check_teams_ca(const cert::ChainFacts& chain, const Context& ctx) {
  if (ctx.profile != Profile::Teams || ctx.role != Role::Local || ctx.public_ca ||
      chain.end != cert::ChainEnd::TrustAnchor || chain.path.empty()) {
    return {};
  }
  const cert::CertFacts& root = chain.path.back().cert;
  return {{FindingCode::TeamsCaNotInProgram, Severity::Warning, link_subject(chain, 0),
           "the certificate chains to " + describe(root) +
               ", a root outside the public store (standing in for the Microsoft Trusted Root Program): since "
               "1 February 2022 Direct Routing trusts only SBC certificates from CAs in that program, so "
               "Microsoft's SIP proxies refuse this SBC; fine only for peers that trust your CA",
           "get the SBC's certificate from a public CA in the Microsoft Trusted Root Program (Microsoft's "
           "included-CA list in the CCADB) with Server Authentication and the SBC FQDN in the CN or SAN"}};
}

}  // namespace sipmtls::rules
