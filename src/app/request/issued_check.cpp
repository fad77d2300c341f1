// SPDX-License-Identifier: MIT
// The issued certificate against its request: what the CA kept, dropped or replaced, and the CA
// setting that does each (docs/REQUEST.md "When the certificate comes back").
#include <algorithm>

#include "judge.hpp"
#include "sipmtls/join.hpp"
#include "sipmtls/rules/evaluate.hpp"
#include "sipmtls/rules/names.hpp"

namespace sipmtls::app {
namespace {

bool has_name(const std::vector<std::string>& list, const std::string& name) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& n) { return rules::dns_equal(n, name); });
}

std::string eku_cause(rules::Profile profile) {
  return profile == rules::Profile::Teams
             ? "public CAs leave Client Authentication out of TLS server certificates from 2026 (docs/TEAMS.md)"
             : "the template's Application Policies lack it (the Web Server template has Server Authentication "
               "only), or a Standalone CA request chose a certificate type instead of Other with "
               "1.3.6.1.5.5.7.3.1,1.3.6.1.5.5.7.3.2";
}

}  // namespace

std::vector<Finding> compare_with_request(const cert::Certificate& issued, const cert::CertRequest& request,
                                          const std::string& path, rules::Profile profile) {
  const cert::CertFacts& got = issued.facts();
  const cert::CertFacts& asked = request.facts;
  const std::string subject = "leaf " + rules::describe(got);
  std::vector<Finding> out;
  if (!request.public_key.empty() && !cert::carries_public_key(issued, request)) {
    out.push_back({FindingCode::PrivateKeyMismatch, Severity::Error, subject,
                   "the certificate does not carry the public key of " + path +
                       ": it was issued for another request, so the key made with this one does not fit it",
                   "find the certificate the CA issued for this request (certreq -retrieve <RequestId>), or pair this "
                   "certificate with the key of the request it answers"});
    return out;  // another request's certificate: comparing its names says nothing about this one
  }
  if (!asked.subject_cn.empty() && !rules::dns_equal(asked.subject_cn, got.subject_cn)) {
    out.push_back({FindingCode::CaDroppedRequest, Severity::Error, subject,
                   "the request asked for subject CN=" + asked.subject_cn + " and the CA issued " +
                       (got.subject_cn.empty() ? std::string("no CN") : "CN=" + got.subject_cn) +
                       ": the template builds the subject from Active Directory (the machine's name)",
                   "set the template's Subject Name to \"Supply in the request\" (a duplicated V2 template), then "
                   "submit the request again"});
  }
  std::vector<std::string> lost_dns, lost_uri;
  for (const auto& d : asked.san_dns) {
    if (!has_name(got.san_dns, d)) lost_dns.push_back(d);
  }
  for (const auto& u : asked.san_uri) {
    if (std::find(got.san_uri.begin(), got.san_uri.end(), u) == got.san_uri.end()) lost_uri.push_back(u);
  }
  if (!lost_dns.empty() || !lost_uri.empty()) {
    std::vector<std::string> lost = lost_dns;
    lost.insert(lost.end(), lost_uri.begin(), lost_uri.end());
    const std::string cause =
        !got.has_san && !request.san_attribute.empty()
            ? "the request gave its names only as a SAN attribute, which a CA ignores without "
              "EDITF_ATTRIBUTESUBJECTALTNAME2"
        : !got.has_san ? "the CA did not copy the request's SAN extension: a template that builds the subject "
                         "from Active Directory, or a CA that does not honour requested extensions"
                       : "the CA wrote its own SAN (a template building it from Active Directory, or a CA that "
                         "validated only some names)";
    out.push_back({FindingCode::CaDroppedRequest, Severity::Error, subject,
                   "the request asked for SAN " + join(lost) + " and the certificate lacks " +
                       (lost.size() == 1 ? "it" : "them") + ": " + cause,
                   got.has_san || request.san_attribute.empty()
                       ? "use a template whose Subject Name is \"Supply in the request\", or ask the CA to issue "
                         "the SAN as requested; then submit the request again"
                       : "put the names in the SAN extension (the INF sipmtls request writes does), or have the CA "
                         "admin run certutil -setreg policy\\EditFlags +EDITF_ATTRIBUTESUBJECTALTNAME2 and restart certsvc"});
  }
  std::vector<std::string> lost_eku;
  if (got.has_eku && !got.has_eku_oid(cert::kOidAnyExtendedKeyUsage)) {
    if (asked.has_eku_oid(cert::kOidServerAuth) && !got.has_eku_oid(cert::kOidServerAuth)) lost_eku.push_back("Server Authentication");
    if (asked.has_eku_oid(cert::kOidClientAuth) && !got.has_eku_oid(cert::kOidClientAuth)) lost_eku.push_back("Client Authentication");
  }
  if (!lost_eku.empty()) {
    const bool teams_client_only = profile == rules::Profile::Teams && lost_eku.size() == 1 &&
                                   lost_eku.front() == "Client Authentication";
    out.push_back({FindingCode::CaDroppedRequest, teams_client_only ? Severity::Warning : Severity::Error, subject,
                   "the request asked for " + join(lost_eku) + " and the certificate lacks it: " + eku_cause(profile),
                   profile == rules::Profile::Teams
                       ? "Teams accepts the SBC certificate without Client Authentication; for other MTLS peers use a "
                         "private CA that still issues it"
                       : "duplicate the Web Server template (V2), add Client Authentication under Extensions > "
                         "Application Policies, issue it, and submit the request with that template"});
  }
  if (asked.has_key_usage && got.has_key_usage && (asked.key_usage & ~got.key_usage & cert::kDigitalSignature)) {
    out.push_back({FindingCode::CaDroppedRequest, Severity::Error, subject,
                   "the request asked for key usage Digital Signature and the certificate lacks it: the "
                   "template's Extensions > Key Usage overrides the request",
                   "allow Digital Signature in the template's Key Usage (the Web Server template has it)"});
  }
  return out;
}

}  // namespace sipmtls::app
