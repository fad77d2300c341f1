// SPDX-License-Identifier: MIT
// Which profiles raise which code, derived from the policy table (profile.cpp), so `sipmtls codes`
// cannot drift from the rules.
#include "sipmtls/rules/code_profiles.hpp"

namespace sipmtls::rules {
namespace {

std::vector<ProfileUse> each(Severity severity, std::string_view when = {}) {
  std::vector<ProfileUse> out;
  for (Profile p : all_profiles()) out.push_back({p, severity, when});
  return out;
}

template <typename Pred, typename Sev>
std::vector<ProfileUse> where(Pred pred, Sev sev, std::string_view when = {}) {
  std::vector<ProfileUse> out;
  for (Profile p : all_profiles()) {
    if (pred(policy(p))) out.push_back({p, sev(policy(p)), when});
  }
  return out;
}

std::vector<ProfileUse> client_auth() {
  auto out = each(Severity::Error);
  for (auto& use : out) {
    if (!policy(use.profile).peer_client_needs_client_auth) use.when = "only on the local certificate: Microsoft's side dialling in need not have it";
  }
  return out;
}

std::vector<ProfileUse> revocation_unknown() {
  auto out = each(Severity::Warning, "no CDP and no OCSP URL, or no CRL given covers it offline; an error with --revocation hard");
  for (auto& use : out) {
    if (const auto cdp = policy(use.profile).missing_cdp) {
      use.severity = *cdp;
      use.when = "also for a server certificate without a CRL Distribution Point";
    }
  }
  return out;
}

}  // namespace

std::vector<ProfileUse> profiles_raising(FindingCode code) {
  switch (code) {
    case FindingCode::EkuMissingClientAuth: return client_auth();
    case FindingCode::RevocationUnknown: return revocation_unknown();
    case FindingCode::SipIdentityMismatch:
      return where([](const ProfilePolicy&) { return true; },
                   [](const ProfilePolicy& p) { return p.profile == Profile::Teams ? Severity::Error : Severity::Warning; },
                   "listen: the client's Record-Route or Contact FQDN");
    case FindingCode::DnsTargetCname: return each(Severity::Warning, "connect sip:DOMAIN");
    case FindingCode::DnsSrvOutsideDomain:
      return where([](const ProfilePolicy& p) { return p.profile != Profile::Rfc5922; },
                   [](const ProfilePolicy&) { return Severity::Error; }, "connect sip:DOMAIN");
    case FindingCode::DnsNoSrv:
    case FindingCode::DnsNoAddress:
    case FindingCode::DnsAllTargetsDown: return each(Severity::Error, "connect sip:DOMAIN");
    case FindingCode::RevocationOffline:
      return each(Severity::Warning, "an error with --revocation hard");
    case FindingCode::EkuAbsent:
      return where([](const ProfilePolicy&) { return true; }, [](const ProfilePolicy& p) { return p.eku_absent; });
    case FindingCode::ClientAuthEnding:
      return where([](const ProfilePolicy& p) { return p.profile != Profile::Teams; },
                   [](const ProfilePolicy&) { return Severity::Warning; },
                   "our own certificate from a public CA");
    case FindingCode::TeamsCaNotInProgram:
      return where([](const ProfilePolicy& p) { return p.profile == Profile::Teams; },
                   [](const ProfilePolicy&) { return Severity::Warning; },
                   "our own certificate, on a path to a root outside the public store");
    case FindingCode::TrustStoreMissingRoot:
      return where([](const ProfilePolicy& p) { return p.profile == Profile::Teams; },
                   [](const ProfilePolicy&) { return Severity::Error; },
                   "a root the SIP proxies use today; a warning for one on Microsoft's 2026 list");
    case FindingCode::NameWildcardRejected:
      return where([](const ProfilePolicy& p) { return !p.wildcards_allowed; },
                   [](const ProfilePolicy&) { return Severity::Error; });
    case FindingCode::SanMissingName:
      return where([](const ProfilePolicy& p) { return p.san_must_repeat_subject; },
                   [](const ProfilePolicy&) { return Severity::Warning; },
                   "a SAN without the subject CN; an error for a missing pool name");
    case FindingCode::WeakKey:
      return where([](const ProfilePolicy&) { return true; }, [](const ProfilePolicy& p) { return p.weak_key; });
    case FindingCode::WeakSignature:
      return where([](const ProfilePolicy&) { return true; },
                   [](const ProfilePolicy& p) { return p.weak_signature; });
    case FindingCode::CertNonconformant:
    case FindingCode::CertExpiresSoon:
    case FindingCode::NotChecked:
    case FindingCode::CaListTruncated:
    case FindingCode::KeylogWriteFailed:
    case FindingCode::IssuerNotInCaList:
      return each(Severity::Warning);
    default: return each(Severity::Error);
  }
}

}  // namespace sipmtls::rules
