// SPDX-License-Identifier: MIT
// The other direction of an MTLS pair, judged from one connection (other_direction.hpp).
#include "app/other_direction.hpp"

#include <algorithm>

#include "app/peer_check.hpp"

namespace sipmtls::app {

std::vector<Finding> our_certificate_as_product_judges(const Identity& us, const rules::Context& as_client) {
  auto findings = check_ourselves(us, as_client);
  // Only what the certificate says of itself: its chain and revocation are judged against the
  // peer's trust store and CRLs, which are not ours.
  std::erase_if(findings, [](const Finding& f) {
    switch (f.code) {
      case FindingCode::CertExpired:
      case FindingCode::CertNotYetValid:
      case FindingCode::CertNotV3:
      case FindingCode::EkuAbsent:
      case FindingCode::EkuMissingClientAuth:
      case FindingCode::KeyUsageInvalid:
      case FindingCode::LeafIsCa:
      case FindingCode::WeakKey:
      case FindingCode::WeakSignature:
      case FindingCode::CertUnknownCriticalExtension: return false;
      default: return true;
    }
  });
  const std::string product(rules::policy(as_client.profile).product);
  for (auto& f : findings) {
    f.severity = Severity::Warning;
    f.message = "this peer did not reject our certificate, but " + product + " would: " + f.message;
  }
  return findings;
}

std::vector<Finding> peer_certificate_when_it_dials(const std::vector<cert::Certificate>& chain, const Identity& us,
                                                    const rules::Context& as_client, const std::string& peer) {
  if (chain.empty()) return {};
  PeerCheck reverse = check_peer(chain, us, as_client, {});
  std::vector<Finding> out;
  for (auto& f : reverse.findings) {
    if (f.code != FindingCode::EkuMissingClientAuth || f.severity != Severity::Error) continue;
    f.severity = Severity::Warning;
    f.message = "when " + peer + " dials us it presents this certificate as TLS client, and it has no Client "
                "Authentication EKU: we (" + std::string(rules::policy(as_client.profile).product) +
                ") would reject it, so MTLS works in this direction only";
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace sipmtls::app
