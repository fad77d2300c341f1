// SPDX-License-Identifier: MIT
// Critical extensions (RFC 5280 §4.2): one a verifier does not understand makes the certificate
// unusable; Windows reports it as CERT_E_CRITICAL. Policy extensions are understood as far as
// their syntax goes, but certificate policies are not enforced: that is said, not hidden.
#include <algorithm>
#include <array>

#include "internal.hpp"

namespace sipmtls::rules {
namespace {

// What the tool reads and acts on (mbedTLS's own parsers, extensions.cpp, the rules).
constexpr std::array<std::string_view, 11> kUnderstood = {
    cert::kOidKeyUsage, cert::kOidSubjectAltName, cert::kOidBasicConstraints, cert::kOidExtendedKeyUsage,
    cert::kOidSubjectKeyId, cert::kOidAuthorityKeyId, cert::kOidNameConstraints, cert::kOidCrlDistributionPointsExt,
    cert::kOidAuthorityInfoAccessExt, "2.16.840.1.113730.1.1" /* Netscape cert type */, cert::kOidCertificatePolicies};
constexpr std::array<std::string_view, 3> kPolicy = {cert::kOidPolicyConstraints, cert::kOidPolicyMappings,
                                                     cert::kOidInhibitAnyPolicy};

bool contains(auto& list, std::string_view oid) { return std::find(list.begin(), list.end(), oid) != list.end(); }

}  // namespace

std::vector<Finding> check_extensions(const cert::ChainFacts& chain, const Context&) {
  std::vector<Finding> out;
  bool policy_noted = false;
  for (std::size_t i = 0; i < chain.path.size(); ++i) {
    const cert::ChainLink& link = chain.path[i];
    for (const auto& e : link.cert.extensions) {
      if (contains(kPolicy, e.oid) && !policy_noted) {
        policy_noted = true;
        out.push_back({FindingCode::NotChecked, Severity::Info, link_subject(chain, i),
                       "certificate policy constraints (" + e.oid + ") are parsed but not enforced: Windows "
                       "enforces them only where an application asks for a policy, which LCS and its successors do not",
                       "none needed for SIP MTLS; check policies with certutil -verify where an application requires one"});
      }
      if (!e.critical || contains(kUnderstood, e.oid) || contains(kPolicy, e.oid)) continue;
      out.push_back({FindingCode::CertUnknownCriticalExtension, Severity::Error, link_subject(chain, i),
                     "the extension " + e.oid + " is marked critical and no verifier here understands it, so the "
                     "certificate must be rejected (RFC 5280 §4.2); Windows does the same",
                     "have the CA reissue the certificate without that extension, or with it not critical"});
    }
  }
  return out;
}

}  // namespace sipmtls::rules
