// SPDX-License-Identifier: MIT
// Which EKUs a peer needs, by profile and role (LCS-RULES 2.2): LCS 2003 wants both on a peer in
// either direction (issue 20, item 6); the later products want the EKU of the peer's role.
#include <catch2/catch_test_macros.hpp>

#include "sipmtls/rules/evaluate.hpp"

using namespace sipmtls;

namespace {

bool flags(const cert::CertFacts& c, rules::Profile profile, rules::Role role, FindingCode code) {
  rules::Context ctx;
  ctx.profile = profile;
  ctx.role = role;
  for (const auto& f : rules::check_usage(c, ctx)) {
    if (f.code == code && f.severity == Severity::Error) return true;
  }
  return false;
}

cert::CertFacts with_ekus(std::vector<std::string> ekus) {
  cert::CertFacts c;
  c.subject = "CN=sip.fabrikam.com";
  c.has_eku = true;
  c.eku = std::move(ekus);
  c.has_key_usage = true;
  c.key_usage = cert::kDigitalSignature | cert::kKeyEncipherment;
  return c;
}

}  // namespace

TEST_CASE("LCS 2003 wants both EKUs on a peer in either role; OCS only the role's", "[rules][eku]") {
  const auto server_only = with_ekus({std::string(cert::kOidServerAuth)});
  const auto client_only = with_ekus({std::string(cert::kOidClientAuth)});
  using rules::Profile;
  using rules::Role;
  CHECK(flags(server_only, Profile::Lcs2003, Role::PeerServer, FindingCode::EkuMissingClientAuth));
  CHECK(flags(client_only, Profile::Lcs2003, Role::PeerClient, FindingCode::EkuMissingServerAuth));
  CHECK_FALSE(flags(server_only, Profile::Ocs, Role::PeerServer, FindingCode::EkuMissingClientAuth));
  CHECK_FALSE(flags(client_only, Profile::Ocs, Role::PeerClient, FindingCode::EkuMissingServerAuth));
  const auto both = with_ekus({std::string(cert::kOidServerAuth), std::string(cert::kOidClientAuth)});
  CHECK_FALSE(flags(both, Profile::Lcs2003, Role::PeerServer, FindingCode::EkuMissingClientAuth));
  CHECK_FALSE(flags(both, Profile::Lcs2003, Role::PeerClient, FindingCode::EkuMissingServerAuth));
}
